package io.voipconfig.k8s;

import static io.voipconfig.k8s.K8sManifestsTest.objects;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;

/**
 * Health and metrics answer only on each pod's management port (Quarkus' management interface): the probes and
 * Prometheus use it, no Service or Ingress exposes it, only the monitoring namespace may reach it, and no Ingress path
 * leads to {@code /q/...} of a service except portal-api's OpenAPI document (docs/security.md, "Operational
 * endpoints").
 */
class OperationalEndpointsTest {

    /** What phones and the console ask for, and what they never need. */
    static final List<String> PHONE_PATHS = List.of("/001565a0c001.cfg", "/y000000000108.boot", "/ca.pem",
            "/o/acme/001565a0c001.cfg", "/o/acme/phonebook/pb-1.xml", "/o/acme/media/wall.png", "/qwerty.cfg");
    static final List<String> OPERATIONAL = List.of("/q/metrics", "/q/health", "/q/health/ready", "/q/health/live",
            "/q/openapi", "/q/dev-ui", "/Q/metrics");

    static Container container(Deployment d) {
        return d.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    static int managementPort(Deployment d) {
        return container(d).getPorts().stream().filter(p -> "management".equals(p.getName()))
                .mapToInt(ContainerPort::getContainerPort).findFirst()
                .orElseThrow(() -> new AssertionError(d.getMetadata().getName() + " has no management port"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyPodHasAManagementPortItsApplicationListensOn(String overlay) throws Exception {
        for (Deployment d : objects(overlay, Deployment.class)) {
            String name = d.getMetadata().getName();
            int port = managementPort(d);
            assertThat(container(d).getEnv()).as(name).filteredOn(e -> e.getName().equals("QUARKUS_MANAGEMENT_PORT"))
                    .extracting(EnvVar::getValue).containsExactly(Integer.toString(port));
            assertThat(container(d).getPorts()).as(name + " ports").extracting(ContainerPort::getContainerPort)
                    .doesNotHaveDuplicates();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void noServiceExposesAManagementPort(String overlay) throws Exception {
        List<Deployment> deployments = objects(overlay, Deployment.class);
        List<Service> services = objects(overlay, Service.class);
        List<String> exposed = new ArrayList<>();
        for (Service s : services) {
            for (Deployment d : deployments) {
                Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
                if (s.getSpec().getSelector() == null || !labels.entrySet().containsAll(s.getSpec().getSelector()
                        .entrySet())) {
                    continue;
                }
                int management = managementPort(d);
                for (ServicePort p : s.getSpec().getPorts()) {
                    var target = p.getTargetPort();
                    if ("management".equals(target.getStrVal()) || Integer.valueOf(management).equals(
                            target.getIntVal())
                            || (target.getIntVal() == null && target.getStrVal() == null
                                    && p.getPort() == management)) {
                        exposed.add(s.getMetadata().getName() + ":" + p.getPort());
                    }
                }
            }
        }
        assertThat(services).as("Services of the pods").isNotEmpty();
        assertThat(exposed).as("Service ports leading to a management port").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void noIngressPathLeadsToOperationalEndpoints(String overlay) throws Exception {
        List<Ingress> ingresses = objects(overlay, Ingress.class);
        Ingress phones = ingresses.stream().filter(i -> i.getMetadata().getName().equals("voipconfig-phones"))
                .findFirst().orElseThrow();
        for (String path : PHONE_PATHS) {
            assertThat(route(phones, path)).as("phones ingress: " + path).isNotNull();
        }
        for (Ingress i : ingresses) {
            for (String path : OPERATIONAL) {
                String service = route(i, path);
                if (path.equals("/q/openapi") && i.getMetadata().getName().equals("voipconfig-api")) {
                    assertThat(service).as("the API's OpenAPI document, for API clients").isEqualTo("portal-api");
                } else {
                    assertThat(service).as(i.getMetadata().getName() + ": " + path).isNull();
                }
            }
            assertThat(i.getSpec().getRules().stream().flatMap(r -> r.getHttp().getPaths().stream())
                    .map(p -> p.getBackend().getService().getPort().getName()).collect(Collectors.toSet()))
                    .as(i.getMetadata().getName() + " backends' ports").containsOnly("http");
        }
        Ingress api = ingresses.stream().filter(i -> i.getMetadata().getName().equals("voipconfig-api")).findFirst()
                .orElseThrow();
        for (String path : List.of("/api/v1/organizations", "/console/", "/console/o/acme/devices")) {
            assertThat(route(api, path)).as("api ingress: " + path).isEqualTo("portal-api");
        }
    }

    /**
     * The service an ingress-nginx Ingress sends the path to, or null: with {@code use-regex} every path is a
     * case-insensitive regular expression anchored at the start (as ingress-nginx writes its locations); else Exact and
     * Prefix (by path elements) as Kubernetes defines them.
     */
    static String route(Ingress ingress, String path) {
        boolean regex = "true".equals(ingress.getMetadata().getAnnotations().get(
                "nginx.ingress.kubernetes.io/use-regex"));
        for (var rule : ingress.getSpec().getRules()) {
            for (HTTPIngressPath p : rule.getHttp().getPaths()) {
                boolean matches;
                if (regex) {
                    matches = Pattern.compile("^" + p.getPath(), Pattern.CASE_INSENSITIVE).matcher(path).find();
                } else if (p.getPathType().equals("Exact")) {
                    matches = path.equals(p.getPath());
                } else {
                    String prefix = p.getPath().endsWith("/") ? p.getPath() : p.getPath() + "/";
                    matches = path.equals(p.getPath()) || (path + "/").startsWith(prefix) || p.getPath().equals("/");
                }
                if (matches) {
                    return p.getBackend().getService().getName();
                }
            }
        }
        return null;
    }

    @Test
    void theRouteCheckSeesACatchAll() throws Exception {
        Ingress catchAll = K8sManifestsTest.SERIALIZATION.unmarshal("""
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: x, annotations: {nginx.ingress.kubernetes.io/use-regex: "true"}}
                spec:
                  rules:
                    - http:
                        paths:
                          - {path: /, pathType: Prefix, backend: {service: {name: config-service, port: {name: http}}}}
                """, Ingress.class);
        assertThat(route(catchAll, "/q/metrics")).isEqualTo("config-service");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void prometheusScrapesTheManagementPortAndOnlyItMayReachIt(String overlay) throws Exception {
        List<PodMonitor> monitors = objects(overlay, PodMonitor.class);
        assertThat(monitors).hasSize(1);
        PodMonitor monitor = monitors.get(0);
        assertThat(monitor.getSpec().getPodMetricsEndpoints()).singleElement().satisfies(e -> {
            assertThat(e.getPort()).isEqualTo("management");
            assertThat(e.getPath()).isEqualTo("/q/metrics");
        });
        List<NetworkPolicy> policies = objects(overlay, NetworkPolicy.class);
        for (Deployment d : objects(overlay, Deployment.class)) {
            String name = d.getMetadata().getName();
            Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(labels).as(name + " is scraped").containsAllEntriesOf(monitor.getSpec().getSelector()
                    .getMatchLabels());
            List<NetworkPolicyIngressRule> rules = policies.stream().filter(p -> labels.entrySet().containsAll(
                    p.getSpec().getPodSelector().getMatchLabels().entrySet()))
                    .flatMap(p -> p.getSpec().getIngress().stream()).toList();
            Set<String> management = Set.of("management", Integer.toString(managementPort(d)));
            for (NetworkPolicyIngressRule r : rules) {
                boolean fromMonitoring = r.getFrom().stream().anyMatch(f -> f.getNamespaceSelector() != null
                        && "monitoring".equals(f.getNamespaceSelector().getMatchLabels().get(
                                "kubernetes.io/metadata.name")));
                boolean toManagement = r.getPorts().stream().anyMatch(p -> management.contains(
                        p.getPort().getStrVal() != null
                                ? p.getPort().getStrVal()
                                : p.getPort().getIntVal()
                                        .toString()));
                assertThat(toManagement).as(name + ": only the monitoring namespace may reach the management port, "
                        + "on it alone (%s)", r).isEqualTo(fromMonitoring);
                if (fromMonitoring) {
                    assertThat(r.getFrom()).as(name).hasSize(1);
                    assertThat(r.getPorts()).as(name).hasSize(1);
                }
            }
            assertThat(rules).as(name + ": Prometheus may scrape it").anySatisfy(r -> assertThat(r.getPorts())
                    .anySatisfy(p -> assertThat(p.getPort().getStrVal()).isEqualTo("management")));
        }
    }
}
