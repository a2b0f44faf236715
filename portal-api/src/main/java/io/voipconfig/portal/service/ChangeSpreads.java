package io.voipconfig.portal.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.voipconfig.portal.model.ChangeSpread;
import io.voipconfig.portal.model.ChangeSpread.Example;
import io.voipconfig.portal.model.ChangeSpread.FileChange;
import io.voipconfig.portal.model.Organization;
import io.voipconfig.portal.problem.ApiException;
import io.voipconfig.portal.repository.DeviceRepository;
import io.voipconfig.portal.security.Caller;
import io.voipconfig.portal.service.DeviceFilesService.Rendered;

/**
 * How far a write that changes rendered files reaches (docs/portal-api.md, "Seeing a change spread"). Counts are SQL
 * counts of the devices the changed inputs reach; only a dry run renders, and only one example device, twice.
 * <p>
 * A dry run is the write itself in a transaction that is rolled back: it validates and refuses exactly as the write
 * does (the same code), and no row, event or version it wrote is committed. Only the platform-wide version sequence
 * advances (a sequence is not transactional), which leaves a gap, as any failed write does.
 */
@ApplicationScoped
public class ChangeSpreads {

    private final DeviceFilesService files;
    private final DeviceRepository devices;

    public ChangeSpreads(DeviceFilesService files, DeviceRepository devices) {
        this.files = files;
        this.devices = devices;
    }

    /** A dry run's example device and its files before the write; none for a real write or an empty fleet. */
    public record Before(String mac, List<Rendered> files) {

        static final Before NONE = new Before(null, List.of());
    }

    /**
     * In the write's transaction, before it changes anything: for a dry run, the example device (the given MAC, else
     * the organization's first device by MAC, of {@code model} when it is given) with its files as they are.
     */
    public Uni<Before> before(boolean dryRun, Caller caller, Organization org, String model, String mac) {
        if (!dryRun) {
            return Uni.createFrom().item(Before.NONE);
        }
        Uni<String> example = mac != null ? Uni.createFrom().item(mac) : devices.firstMac(org.id, model);
        return example.flatMap(found -> found == null
                ? Uni.createFrom().item(Before.NONE)
                : renderedOrNone(caller, org, found).map(rendered -> new Before(found, rendered)));
    }

    /**
     * In the write's transaction, after it: the spread, and what the write answers. A dry run renders the example
     * device again from what the write left in the session, then marks the transaction for rollback.
     */
    public <T> Uni<Written<T>> settle(boolean dryRun, Caller caller, Organization org, Before before,
            long affectedDevices, T value) {
        if (!dryRun) {
            return Uni.createFrom().item(new Written<>(value, ChangeSpread.of(affectedDevices), false));
        }
        Uni<Optional<Example>> example = before.mac() == null || affectedDevices == 0
                ? Uni.createFrom().item(Optional.empty())
                : Panache.flush().flatMap(v -> renderedOrNone(caller, org, before.mac()))
                        .map(after -> Optional.of(new Example(before.mac(), changes(before.files(), after))));
        return example.call(e -> Panache.currentTransaction().invoke(Mutiny.Transaction::markForRollback))
                .map(e -> new Written<>(value, new ChangeSpread(affectedDevices, e), true));
    }

    /** The device's files; none when they cannot be rendered (the real write does not render, so neither fails). */
    private Uni<List<Rendered>> renderedOrNone(Caller caller, Organization org, String mac) {
        return files.render(caller, org.id.toString(), mac).onFailure(ApiException.class)
                .recoverWithItem(List.of());
    }

    /** Every file of either side, in the preview's order: boot, common, MAC file. */
    static List<FileChange> changes(List<Rendered> before, List<Rendered> after) {
        Map<String, Rendered> was = before.stream().collect(Collectors.toMap(Rendered::name, Function.identity()));
        Map<String, Rendered> is = after.stream().collect(Collectors.toMap(Rendered::name, Function.identity()));
        List<String> names = new ArrayList<>(after.stream().map(Rendered::name).toList());
        before.stream().map(Rendered::name).filter(n -> !is.containsKey(n)).forEach(names::add);
        return names.stream().map(name -> {
            List<String> a = lines(was.get(name));
            List<String> b = lines(is.get(name));
            String diff = UnifiedDiff.of(name, a, b);
            return new FileChange(name, !diff.isEmpty(), diff.isEmpty() ? null : diff);
        }).toList();
    }

    private static List<String> lines(Rendered file) {
        return file == null ? List.of() : file.text().lines().toList();
    }
}
