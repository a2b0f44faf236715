package io.voipconfig.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;

/**
 * Each overlay rendered with kustomize, every object parsed strictly (a field the Kubernetes, Strimzi, Prometheus
 * Operator or Keycloak operator model does not know fails; CloudNativePG objects type-checked by {@link CnpgTypes}),
 * and the invariants of docs/deploy.md asserted for every workload.
 */
class K8sManifestsTest {

    static final Path K8S = Path.of(System.getProperty("voipconfig.k8s.dir", ".")).toAbsolutePath().normalize();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    static final Map<String, Class<? extends KubernetesResource>> CUSTOM = Map.of(
            "kafka.strimzi.io/v1beta2/Kafka", Kafka.class,
            "kafka.strimzi.io/v1beta2/KafkaNodePool", KafkaNodePool.class,
            "kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopic.class,
            "kafka.strimzi.io/v1beta2/KafkaUser", KafkaUser.class,
            "monitoring.coreos.com/v1/PodMonitor", PodMonitor.class,
            "k8s.keycloak.org/v2alpha1/Keycloak", KeycloakOperatorModel.Keycloak.class,
            "k8s.keycloak.org/v2alpha1/KeycloakRealmImport", KeycloakOperatorModel.KeycloakRealmImport.class);
    static final Set<String> PHONE_FACING = Set.of("config-service", "phonebook-service", "media-service");
    static Path kustomize;

    @BeforeAll
    static void kustomize() throws Exception {
        kustomize = Kustomize.binary(K8S.resolve("target"));
    }

    static final Map<String, List<JsonNode>> RENDERED = new java.util.concurrent.ConcurrentHashMap<>();

    /** The rendered overlay, rendered once per test run (callers that change a tree change a deep copy). */
    static List<JsonNode> render(String overlay) throws Exception {
        List<JsonNode> cached = RENDERED.get(overlay);
        if (cached == null) {
            cached = List.copyOf(kustomizeBuild(overlay));
            RENDERED.put(overlay, cached);
        }
        return cached;
    }

    private static List<JsonNode> kustomizeBuild(String overlay) throws Exception {
        if (kustomize == null) {
            kustomize();
        }
        Process p = new ProcessBuilder(kustomize.toString(), "build", K8S.resolve("overlays/" + overlay).toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("kustomize build %s:%n%s", overlay, out).isZero();
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(out)) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(docs::add);
        }
        return docs;
    }

    /** Parses an object with its model; fails on any field the model does not know (anywhere in the tree). */
    static HasMetadata strict(JsonNode doc) throws Exception {
        String key = doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
        Object parsed = CUSTOM.containsKey(key)
                ? YAML.treeToValue(doc, CUSTOM.get(key))
                : SERIALIZATION.unmarshal(YAML.writeValueAsString(doc));
        List<String> unknown = new ArrayList<>();
        unknownFields(parsed, key, unknown, new IdentityHashMap<>());
        assertThat(unknown).as("fields the %s model does not know", key).isEmpty();
        return (HasMetadata) parsed;
    }

    /** Walks getters; every non-empty additionalProperties map is a field the schema does not have. */
    static void unknownFields(Object o, String path, List<String> unknown, Map<Object, Boolean> seen)
            throws Exception {
        if (o == null || o instanceof String || o instanceof Number || o instanceof Boolean || o instanceof Enum<?>
                || seen.put(o, true) != null) {
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) {
                unknownFields(e, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (o instanceof Map<?, ?> m) {
            for (var e : m.entrySet()) {
                unknownFields(e.getValue(), path + "." + e.getKey(), unknown, seen);
            }
            return;
        }
        if (o.getClass().isRecord()) {
            for (RecordComponent rc : o.getClass().getRecordComponents()) {
                unknownFields(rc.getAccessor().invoke(o), path + "." + rc.getName(), unknown, seen);
            }
            return;
        }
        String type = o.getClass().getName();
        if (!type.startsWith("io.fabric8") && !type.startsWith("io.strimzi") && !type.startsWith("io.voipconfig")) {
            return;
        }
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || !m.getName().startsWith("get") || m.getDeclaringClass() == Object.class
                    || m.getName().equals("getClass")) {
                continue;
            }
            Object v;
            try {
                v = m.invoke(o);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue;
            }
            if (m.getName().equals("getAdditionalProperties")) {
                if (v instanceof Map<?, ?> extra && !extra.isEmpty()
                        && !(o instanceof GenericKubernetesResource)) {
                    unknown.add(path + ": " + extra.keySet());
                }
                continue;
            }
            unknownFields(v, path + "." + m.getName().substring(3), unknown, seen);
        }
    }

    @org.junit.jupiter.api.Test
    void aFieldTheModelDoesNotKnowFailsTheCheck() throws Exception {
        rejects("livenesProbe", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  selector: {matchLabels: {a: b}}
                  template:
                    metadata: {labels: {a: b}}
                    spec:
                      containers:
                        - name: x
                          image: x:1
                          livenesProbe: {httpGet: {path: /q/health/live, port: 8080}}
                """);
        rejects("partition", """
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaTopic
                metadata: {name: t}
                spec: {partition: 3, replicas: 1}
                """);
        rejects("hostname", """
                apiVersion: k8s.keycloak.org/v2alpha1
                kind: Keycloak
                metadata: {name: k}
                spec:
                  instances: 1
                  db: {vendor: postgres, hostname: db}
                """);
        rejects("request", """
                apiVersion: k8s.keycloak.org/v2alpha1
                kind: Keycloak
                metadata: {name: k}
                spec:
                  resources: {limits: {memory: 1Gi}, request: {cpu: 1}}
                """);
        rejects("publicClients", """
                apiVersion: k8s.keycloak.org/v2alpha1
                kind: KeycloakRealmImport
                metadata: {name: r}
                spec:
                  keycloakCRName: k
                  realm:
                    realm: voipconfig
                    clients: [{clientId: c, publicClients: true}]
                """);
    }

    /** The object fails the strict parse, naming the field. */
    static void rejects(String field, String yaml) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> strict(YAML.readTree(yaml)))
                .hasMessageContaining(field);
    }

    @org.junit.jupiter.api.Test
    void aFieldOrValueCloudNativePgDoesNotKnowFailsTheCheck() throws Exception {
        JsonNode cluster = render("prod").stream().filter(CnpgTypes::covers)
                .filter(d -> d.path("metadata").path("name").asText().equals("voipconfig-db")).findFirst()
                .orElseThrow();
        assertThat(CnpgTypes.errors(K8S.resolve("target"), List.of(cluster))).isEmpty();
        JsonNode typo = cluster.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) typo.path("spec").path("managed").path("roles").get(2))
                .set("passwordSecrett", typo.path("spec").path("managed").path("roles").get(2).path("passwordSecret"));
        assertThat(CnpgTypes.errors(K8S.resolve("target"), List.of(typo))).anySatisfy(
                e -> assertThat(e).contains("passwordSecrett"));
        JsonNode wrongType = cluster.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) wrongType.path("spec")).put("instances", "three");
        assertThat(CnpgTypes.errors(K8S.resolve("target"), List.of(wrongType))).anySatisfy(
                e -> assertThat(e).contains("not assignable to type 'number"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyObjectParsesStrictly(String overlay) throws Exception {
        Set<String> kinds = new TreeSet<>();
        List<JsonNode> cnpg = new ArrayList<>();
        for (JsonNode doc : render(overlay)) {
            HasMetadata o = strict(doc);
            kinds.add(o.getKind());
            assertThat(o).as("%s is not a Secret: credentials never sit in the manifests", o.getMetadata().getName())
                    .isNotInstanceOf(Secret.class);
            if (o instanceof GenericKubernetesResource) {
                assertThat(CnpgTypes.covers(doc)).as("%s %s has a schema to be checked against", o.getApiVersion(),
                        o.getKind()).isTrue();
                cnpg.add(doc);
            }
        }
        assertThat(cnpg).as("CloudNativePG clusters: ours and Keycloak's").hasSize(2);
        assertThat(CnpgTypes.errors(K8S.resolve("target"), cnpg)).as("CloudNativePG type check").isEmpty();
        assertThat(kinds).contains("Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget",
                "NetworkPolicy", "Ingress", "ConfigMap", "PodMonitor", "Kafka", "KafkaNodePool", "KafkaTopic",
                "KafkaUser",
                "Cluster", "Keycloak", "KeycloakRealmImport");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyWorkloadHasProbesLimitsASecureContextSpreadAndPinnedImages(String overlay) throws Exception {
        List<Deployment> deployments = objects(overlay, Deployment.class);
        assertThat(deployments).extracting(d -> d.getMetadata().getName()).contains("portal-api", "config-service",
                "phonebook-service", "media-service", "rps-sync-service");
        for (Deployment d : deployments) {
            String name = d.getMetadata().getName();
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
            assertThat(pod.getAutomountServiceAccountToken()).as(name).isFalse();
            assertThat(pod.getTopologySpreadConstraints()).as(name + " spread").anySatisfy(
                    t -> assertThat(t.getTopologyKey()).isEqualTo("kubernetes.io/hostname"));
            for (Container c : pod.getContainers()) {
                assertThat(c.getImage()).as(name + " image").matches(".+:[0-9][^:]*").doesNotEndWith(":latest");
                probe(name, "startup", c.getStartupProbe(), "/q/health/started");
                probe(name, "liveness", c.getLivenessProbe(), "/q/health/live");
                probe(name, "readiness", c.getReadinessProbe(), "/q/health/ready");
                assertThat(c.getResources().getRequests()).as(name + " requests").containsKeys("cpu", "memory");
                assertThat(c.getResources().getLimits()).as(name + " limits").containsKey("memory");
                var sc = c.getSecurityContext();
                assertThat(sc.getAllowPrivilegeEscalation()).as(name).isFalse();
                assertThat(sc.getReadOnlyRootFilesystem()).as(name).isTrue();
                assertThat(sc.getCapabilities().getDrop()).as(name).contains("ALL");
                for (EnvVar e : c.getEnv()) {
                    if (e.getName().matches(".*(PASSWORD|SECRET|_KEY|_KEYS|NONCE).*")) {
                        assertThat(e.getValue()).as(name + " " + e.getName() + " comes from a Secret").isNull();
                        assertThat(e.getValueFrom().getSecretKeyRef()).as(name + " " + e.getName()).isNotNull();
                    }
                }
            }
        }
    }

    /** The probe asks the path on the management port (docs/security.md, "Operational endpoints"). */
    static void probe(String name, String kind, Probe p, String path) {
        assertThat(p).as(name + " " + kind + " probe").isNotNull();
        assertThat(p.getHttpGet().getPath()).as(name + " " + kind + " probe").isEqualTo(path);
        assertThat(p.getHttpGet().getPort().getStrVal()).as(name + " " + kind + " probe's port").isEqualTo(
                "management");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void scalingDisruptionAndTrafficRules(String overlay) throws Exception {
        List<Deployment> deployments = objects(overlay, Deployment.class);
        assertThat(objects(overlay, HorizontalPodAutoscaler.class))
                .extracting(h -> h.getSpec().getScaleTargetRef().getName())
                .containsExactlyInAnyOrderElementsOf(PHONE_FACING);
        List<PodDisruptionBudget> pdbs = objects(overlay, PodDisruptionBudget.class);
        for (Deployment d : deployments) {
            Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
            if (!labels.get("app.kubernetes.io/name").equals("rps-simulator")) {
                assertThat(pdbs).as(d.getMetadata().getName() + " has a PodDisruptionBudget")
                        .anySatisfy(p -> assertThat(labels).containsAllEntriesOf(p.getSpec().getSelector()
                                .getMatchLabels()));
            }
        }
        List<NetworkPolicy> policies = objects(overlay, NetworkPolicy.class);
        for (Deployment d : deployments) {
            Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
            List<NetworkPolicy> covering = policies.stream().filter(p -> labels.entrySet().containsAll(
                    p.getSpec().getPodSelector().getMatchLabels().entrySet())).toList();
            assertThat(covering).as(d.getMetadata().getName() + " is covered by a default-deny policy")
                    .anySatisfy(p -> assertThat(p.getSpec().getPolicyTypes()).contains("Ingress", "Egress"));
            boolean internet = covering.stream().flatMap(p -> p.getSpec().getEgress().stream())
                    .flatMap(r -> r.getTo().stream()).anyMatch(t -> t.getIpBlock() != null
                            && t.getIpBlock().getCidr().equals("0.0.0.0/0"));
            String name = labels.get("app.kubernetes.io/name");
            assertThat(internet).as(name + " egress to the internet").isEqualTo(name.equals("rps-sync-service"));
            if (name.equals("rps-sync-service")) {
                assertThat(covering.stream().flatMap(p -> p.getSpec().getEgress().stream())
                        .filter(r -> r.getTo().stream().anyMatch(t -> t.getIpBlock() != null))
                        .flatMap(r -> r.getPorts().stream()).map(port -> port.getPort().getIntVal())
                        .collect(Collectors.toSet())).as("internet egress ports").containsExactly(443);
                assertThat(covering.stream().flatMap(p -> p.getSpec().getIngress().stream())
                        .flatMap(r -> r.getFrom().stream()).filter(f -> f.getPodSelector() != null)
                        .map(f -> f.getPodSelector().getMatchLabels().get("app.kubernetes.io/name")))
                        .as("who may call rps-sync-service").containsOnly("portal-api");
            }
            if (PHONE_FACING.contains(name)) {
                List<NetworkPolicyEgressRule> egress = covering.stream().flatMap(p -> p.getSpec().getEgress()
                        .stream()).toList();
                assertThat(egress).as(name + " egress").allSatisfy(r -> assertThat(r.getTo()).allSatisfy(t -> {
                    assertThat(t.getIpBlock()).isNull();
                    String target = t.getPodSelector().getMatchLabels().toString();
                    assertThat(target).containsAnyOf("cnpg.io/cluster=voipconfig-db",
                            "strimzi.io/cluster=voipconfig-kafka", "k8s-app=kube-dns");
                }));
            }
        }
        List<Ingress> ingresses = objects(overlay, Ingress.class);
        assertThat(ingresses).hasSize(2).allSatisfy(i -> {
            assertThat(i.getSpec().getTls()).isNotEmpty();
            assertThat(i.getMetadata().getAnnotations()).containsKey("cert-manager.io/cluster-issuer");
        });
        assertThat(ingresses.stream().flatMap(i -> i.getSpec().getRules().stream())
                .flatMap(r -> r.getHttp().getPaths().stream()).map(p -> p.getBackend().getService().getName())
                .collect(Collectors.toSet())).containsExactlyInAnyOrder("config-service", "phonebook-service",
                        "media-service", "portal-api");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theRealmImportIsTheRealmFileWithoutDemoUsersOrSecrets(String overlay) throws Exception {
        JsonNode realmFile = YAML
                .readTree(Files.readString(K8S.resolveSibling("deploy/keycloak/voipconfig-realm.json")));
        JsonNode imported = render(overlay).stream().filter(d -> d.path("kind").asText().equals("KeycloakRealmImport"))
                .findFirst().orElseThrow().path("spec").path("realm");
        // no person, only portal-api's service account with the realm file's roles for it
        List<String> users = new ArrayList<>();
        imported.path("users").forEach(u -> users.add(u.path("username").asText()));
        assertThat(users).as("demo users are not imported").containsExactly("service-account-portal-api");
        JsonNode serviceAccount = null;
        for (JsonNode u : realmFile.path("users")) {
            if (u.path("username").asText().equals("service-account-portal-api")) {
                serviceAccount = u;
            }
        }
        assertThat(imported.path("users").get(0).path("realmRoles")).isEqualTo(serviceAccount.path("realmRoles"));
        assertThat(imported.path("users").get(0).path("clientRoles")).isEqualTo(serviceAccount.path("clientRoles"));
        assertThat(imported.path("roles")).isEqualTo(realmFile.path("roles"));
        List<String> clients = new ArrayList<>();
        imported.path("clients").forEach(c -> clients.add(c.path("clientId").asText()));
        List<String> fileClients = new ArrayList<>();
        realmFile.path("clients").forEach(c -> fileClients.add(c.path("clientId").asText()));
        assertThat(clients).isEqualTo(fileClients);
        assertThat(imported.toString()).doesNotContain("dev-secret").contains("${PORTAL_API_CLIENT_SECRET}")
                .doesNotContain("localhost");
    }

    /** Digest nonces are accepted only where they were issued: one address's phone requests stay on one replica. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void phoneRequestsFromOneAddressStayOnOneReplica(String overlay) throws Exception {
        assertThat(objects(overlay, Ingress.class))
                .filteredOn(i -> i.getMetadata().getName().equals("voipconfig-phones"))
                .singleElement().satisfies(i -> assertThat(i.getMetadata().getAnnotations())
                        .containsEntry("nginx.ingress.kubernetes.io/upstream-hash-by", "$remote_addr"));
    }

    static <T> List<T> objects(String overlay, Class<T> type) throws Exception {
        List<T> out = new ArrayList<>();
        for (JsonNode doc : render(overlay)) {
            HasMetadata o = strict(doc);
            if (type.isInstance(o)) {
                out.add(type.cast(o));
            }
        }
        return out;
    }
}
