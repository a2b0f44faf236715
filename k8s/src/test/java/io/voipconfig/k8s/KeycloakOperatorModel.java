package io.voipconfig.k8s;

import java.util.List;
import java.util.Map;

import org.keycloak.representations.idm.RealmRepresentation;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The Keycloak operator's {@code k8s.keycloak.org/v2alpha1} resources as of Keycloak 26.x, field by field from the
 * operator's own classes ({@code org.keycloak.operator.crds.v2alpha1}): the operator publishes neither a Java model
 * nor its CRDs to a registry these machines reach (Maven Central, npm, Debian), so the field names are transcribed
 * here. Parsed with Jackson, any field not named here fails. The sections we use are typed down to their leaves (with
 * the fabric8 Kubernetes model where the operator uses it, and keycloak-core's own {@link RealmRepresentation} for the
 * realm); the sections we do not use are accepted as any JSON and named in docs/deploy.md as unchecked.
 */
final class KeycloakOperatorModel {

    private KeycloakOperatorModel() {
    }

    @Group("k8s.keycloak.org")
    @Version("v2alpha1")
    static final class Keycloak extends CustomResource<KeycloakSpec, JsonNode> implements Namespaced {
    }

    @Group("k8s.keycloak.org")
    @Version("v2alpha1")
    static final class KeycloakRealmImport extends CustomResource<RealmImportSpec, JsonNode> implements Namespaced {
    }

    record KeycloakSpec(
            Integer instances,
            String image,
            Boolean startOptimized,
            List<LocalObjectReference> imagePullSecrets,
            List<ValueOrSecret> additionalOptions,
            List<ValueOrSecret> env,
            HttpSpec http,
            IngressSpec ingress,
            DatabaseSpec db,
            HostnameSpec hostname,
            ResourceRequirements resources,
            ProxySpec proxy,
            // not used by our manifests: any JSON
            JsonNode unsupported,
            JsonNode features,
            JsonNode transaction,
            JsonNode truststores,
            JsonNode cache,
            JsonNode httpManagement,
            JsonNode scheduling,
            JsonNode bootstrapAdmin,
            JsonNode networkPolicy,
            JsonNode tracing,
            JsonNode update,
            JsonNode readinessProbe,
            JsonNode livenessProbe,
            JsonNode startupProbe,
            JsonNode serviceMonitor) {
    }

    record ValueOrSecret(String name, String value, SecretKeySelector secret) {
    }

    record HttpSpec(String tlsSecret, Boolean httpEnabled, Integer httpPort, Integer httpsPort) {
    }

    record IngressSpec(Boolean enabled, String className, Map<String, String> annotations, String tlsSecret) {
    }

    record DatabaseSpec(
            String vendor,
            SecretKeySelector usernameSecret,
            SecretKeySelector passwordSecret,
            String database,
            String host,
            Integer port,
            String schema,
            String url,
            Integer poolInitialSize,
            Integer poolMinSize,
            Integer poolMaxSize) {
    }

    record HostnameSpec(String hostname, String admin, Boolean strict, Boolean backchannelDynamic) {
    }

    record ProxySpec(String headers) {
    }

    record RealmImportSpec(
            String keycloakCRName,
            RealmRepresentation realm,
            ResourceRequirements resources,
            Map<String, Placeholder> placeholders,
            Map<String, String> labels) {
    }

    record Placeholder(SecretKeySelector secret) {
    }
}
