package io.voipconfig.portal.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.voipconfig.common.catalog.ModelCatalog;
import io.voipconfig.common.catalog.PhoneModel;
import io.voipconfig.common.mac.MacAddress;
import io.voipconfig.common.phone.AuthMode;
import io.voipconfig.common.phone.DeviceView;
import io.voipconfig.common.phone.OrgView;
import io.voipconfig.common.render.ConfigRenderer;
import io.voipconfig.common.render.PhonebookRef;
import io.voipconfig.common.render.SipAccount;
import io.voipconfig.common.settings.RenderException;
import io.voipconfig.portal.model.DeviceDraft;
import io.voipconfig.portal.model.DeviceDraft.SipAccountDraft;
import io.voipconfig.portal.model.Organization;
import io.voipconfig.portal.problem.Errors;
import io.voipconfig.portal.repository.MediaRepository;
import io.voipconfig.portal.repository.PhonebookRepository;
import io.voipconfig.portal.service.Infrastructure.CatalogSource;

/**
 * The rules of a device that need more than its own fields: its model in the catalog, accounts within the model's
 * count, phonebooks and media of its organization, and a MAC file that renders. Field-level rules are the
 * annotations of {@link DeviceDraft}.
 */
@ApplicationScoped
public class DeviceRules {

    /** What a device may refer to in its organization, loaded once per request (or per import). */
    public record References(ModelCatalog catalog, Set<Long> phonebooks, Map<String, String> media) {

        public Optional<PhoneModel> model(DeviceDraft draft) {
            return draft.model() == null ? Optional.empty() : catalog.byName(canonicalModel(draft));
        }
    }

    private final CatalogSource catalog;
    private final PhonebookRepository phonebooks;
    private final MediaRepository media;
    private final ConfigRenderer renderer;

    public DeviceRules(CatalogSource catalog, PhonebookRepository phonebooks, MediaRepository media,
            ConfigRenderer renderer) {
        this.catalog = catalog;
        this.phonebooks = phonebooks;
        this.media = media;
        this.renderer = renderer;
    }

    public static String canonicalModel(DeviceDraft draft) {
        return draft.model().strip().toUpperCase(Locale.ROOT);
    }

    /** In a Hibernate session: the catalog, the organization's phonebook ids and its media. */
    public Uni<References> references(UUID organizationId) {
        return catalog.get().flatMap(models -> phonebooks.ids(organizationId)
                .flatMap(books -> media.kinds(organizationId).map(kinds -> new References(models, books, kinds))));
    }

    /** Adds every broken rule of {@code draft} to {@code e}, as a device {@code mac} of {@code org}. */
    public void check(Errors e, DeviceDraft draft, References refs, Organization org, MacAddress mac) {
        Optional<PhoneModel> model = refs.model(draft);
        if (model.isEmpty() && draft.model() != null && !draft.model().isBlank()) {
            e.add("model", "unknown model '" + draft.model() + "' (see GET /api/v1/models)");
        }
        Set<Integer> indexes = new HashSet<>();
        for (int i = 0; i < draft.accounts().size(); i++) {
            SipAccountDraft a = draft.accounts().get(i);
            if (a == null || a.index() == null || a.index() < 1 || a.index() > 16) {
                continue;
            }
            if (model.isPresent() && a.index() > model.get().accounts()) {
                e.add("accounts[" + i + "].index", "must be between 1 and " + model.get().accounts() + " (a "
                        + model.get().name() + " has " + model.get().accounts() + " accounts)");
            } else if (!indexes.add(a.index())) {
                e.add("accounts[" + i + "].index", "account " + a.index() + " appears twice");
            }
        }
        List<Long> books = draft.phonebookIds();
        if (new HashSet<>(books).size() != books.size()) {
            e.add("phonebookIds", "a phonebook appears twice");
        }
        for (int i = 0; i < books.size(); i++) {
            if (books.get(i) == null || !refs.phonebooks().contains(books.get(i))) {
                e.add("phonebookIds[" + i + "]", "no phonebook " + books.get(i) + " in this organization");
            }
        }
        mediaRef(e, "wallpaper", draft.wallpaper(), refs, "WALLPAPER", "IMAGE");
        mediaRef(e, "ringtone", draft.ringtone(), refs, "RINGTONE");
        if (e.isEmpty() && model.isPresent() && mac != null) {
            renderCheck(e, draft, org, mac, model.get());
        }
    }

    /** Renders the MAC file once with the new values: what cannot render is refused now, not when phones ask. */
    private void renderCheck(Errors e, DeviceDraft draft, Organization org, MacAddress mac, PhoneModel model) {
        OrgView orgView = new OrgView(org.id, org.slug, org.name, org.partnerId, null, org.username, "",
                AuthMode.DIGEST, false, null,
                null, org.sortedSettings(), org.version, org.schedule());
        DeviceView device = new DeviceView(mac, org.id, model.name(), blankToNull(draft.label()), draft.settings(),
                blankToNull(draft.wallpaper()), blankToNull(draft.ringtone()), 1);
        List<SipAccount> accounts = draft.accounts().stream()
                .map(a -> new SipAccount(a.index(), a.label(), a.displayName(), a.userName().strip(), a.authName(),
                        "", a.server().strip(), a.portOrDefault(), a.transportOrDefault()))
                .sorted((x, y) -> Integer.compare(x.index(), y.index())).toList();
        List<PhonebookRef> books = new ArrayList<>();
        for (int i = 0; i < draft.phonebookIds().size(); i++) {
            books.add(new PhonebookRef(draft.phonebookIds().get(i), "phonebook " + draft.phonebookIds().get(i),
                    i + 1));
        }
        try {
            renderer.macFile(orgView, device, model, accounts, books, Set.of());
        } catch (RenderException ex) {
            e.add("settings", ex.getMessage());
        }
    }

    private static void mediaRef(Errors e, String field, String name, References refs, String... kinds) {
        if (name == null || name.isBlank()) {
            return;
        }
        String kind = refs.media().get(name.strip());
        if (kind == null) {
            e.add(field, "no media named '" + name + "' in this organization");
        } else if (!List.of(kinds).contains(kind)) {
            e.add(field, "'" + name + "' is a " + kind.toLowerCase(Locale.ROOT) + ", not a "
                    + String.join(" or ", List.of(kinds)).toLowerCase(Locale.ROOT));
        }
    }

    public static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
