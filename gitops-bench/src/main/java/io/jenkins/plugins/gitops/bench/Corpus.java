package io.jenkins.plugins.gitops.bench;

import io.jenkins.plugins.gitops.engine.testing.GitRepoFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * A generated desired state of {@code size} resources, committed to a real Git repository under
 * {@value #PATH}: Namespaces, CustomResourceDefinitions, and per application a Deployment, a Service, a
 * ConfigMap with a Secret (one file, two documents) and a custom resource, each as a team would write them.
 */
record Corpus(Path repository, int size) {
    static final String PATH = "envs/bench";
    static final int TEAMS = 10;
    static final List<String> CUSTOM_KINDS = List.of("Widget", "Gadget", "Gizmo");
    static final String CUSTOM_GROUP = "bench.example.com";

    /** @param customResources false for targets that serve only built-in kinds */
    static Corpus generate(Path repository, int size, boolean customResources) {
        try (GitRepoFixture repo = GitRepoFixture.init(repository)) {
            int count = 0;
            if (customResources) {
                StringBuilder cluster = new StringBuilder();
                for (int t = 0; t < TEAMS && count < size; t++, count++) {
                    cluster.append(namespace(t));
                }
                for (int k = 0; k < CUSTOM_KINDS.size() && count < size; k++, count++) {
                    cluster.append(crd(CUSTOM_KINDS.get(k)));
                }
                repo.write(PATH + "/cluster.yaml", cluster.toString());
            }
            for (int app = 0; count < size; app++) {
                String name = String.format("app-%05d", app);
                String ns = customResources ? "team-" + app % TEAMS : "bench";
                String dir = PATH + "/" + ns + "/" + name + "/";
                List<String> docs = new ArrayList<>(List.of(deployment(name, ns), service(name, ns),
                        configMap(name, ns), secret(name, ns)));
                if (customResources) {
                    docs.add(custom(name, ns, CUSTOM_KINDS.get(app % CUSTOM_KINDS.size())));
                }
                docs = docs.subList(0, Math.min(docs.size(), size - count));
                count += docs.size();
                repo.write(dir + "deployment.yaml", docs.get(0));
                if (docs.size() > 1) {
                    repo.write(dir + "service.yaml", docs.get(1));
                }
                if (docs.size() > 2) {
                    repo.write(dir + "config.yaml", String.join("---\n", docs.subList(2, Math.min(4, docs.size()))));
                }
                if (docs.size() > 4) {
                    repo.write(dir + "custom.yaml", docs.get(4));
                }
            }
            repo.commit("generated desired state of " + size + " resources");
        }
        pack(repository);
        return new Corpus(repository, size);
    }

    /**
     * Packs the objects, as a clone or any repository after its first {@code git gc} holds them: a fresh commit
     * leaves one loose file per blob, which no repository a pipeline reads looks like.
     */
    private static void pack(Path repository) {
        try (Git git = Git.open(repository.toFile())) {
            git.gc().setAggressive(false).call();
        } catch (IOException | GitAPIException e) {
            throw new IllegalStateException("cannot pack " + repository + ": " + e.getMessage(), e);
        }
    }

    private static String namespace(int team) {
        return "---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-" + team + "\n  labels:\n"
                + "    team: team-" + team + "\n";
    }

    private static String crd(String kind) {
        String plural = kind.toLowerCase() + "s";
        return """
                ---
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata:
                  name: %2$s.%3$s
                spec:
                  group: %3$s
                  scope: Namespaced
                  names:
                    kind: %1$s
                    plural: %2$s
                    singular: %4$s
                    listKind: %1$sList
                  versions:
                    - name: v1
                      served: true
                      storage: true
                      schema:
                        openAPIV3Schema:
                          type: object
                          properties:
                            spec:
                              type: object
                              properties:
                                size: {type: integer, minimum: 1}
                                color: {type: string}
                                tiers:
                                  type: array
                                  items: {type: string}
                                settings:
                                  type: object
                                  additionalProperties: {type: string}
                """.formatted(kind, plural, CUSTOM_GROUP, kind.toLowerCase());
    }

    private static String deployment(String name, String ns) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %1$s
                  namespace: %2$s
                  labels:
                    app.kubernetes.io/name: %1$s
                    app.kubernetes.io/part-of: shop
                    team: %2$s
                  annotations:
                    gitops.jenkins.io/owner: %2$s@example.com
                spec:
                  replicas: 2
                  revisionHistoryLimit: 5
                  selector:
                    matchLabels:
                      app.kubernetes.io/name: %1$s
                  strategy:
                    type: RollingUpdate
                    rollingUpdate:
                      maxSurge: 25%%
                      maxUnavailable: 0
                  template:
                    metadata:
                      labels:
                        app.kubernetes.io/name: %1$s
                        app.kubernetes.io/part-of: shop
                    spec:
                      serviceAccountName: default
                      securityContext:
                        runAsNonRoot: true
                        runAsUser: 10001
                      containers:
                        - name: app
                          image: registry.example.com/shop/%1$s:1.4.2
                          imagePullPolicy: IfNotPresent
                          args: ["--port=8080", "--config=/etc/app/application.properties"]
                          ports:
                            - name: http
                              containerPort: 8080
                              protocol: TCP
                          env:
                            - name: LOG_LEVEL
                              value: info
                            - name: JAVA_OPTS
                              value: "-XX:MaxRAMPercentage=75"
                            - name: DB_PASSWORD
                              valueFrom:
                                secretKeyRef:
                                  name: %1$s
                                  key: password
                          envFrom:
                            - configMapRef:
                                name: %1$s
                          resources:
                            requests:
                              cpu: 100m
                              memory: 128Mi
                            limits:
                              cpu: "1"
                              memory: 256Mi
                          readinessProbe:
                            httpGet:
                              path: /ready
                              port: http
                            periodSeconds: 10
                          livenessProbe:
                            httpGet:
                              path: /healthz
                              port: http
                            initialDelaySeconds: 15
                          volumeMounts:
                            - name: config
                              mountPath: /etc/app
                              readOnly: true
                      volumes:
                        - name: config
                          configMap:
                            name: %1$s
                """.formatted(name, ns);
    }

    private static String service(String name, String ns) {
        return """
                apiVersion: v1
                kind: Service
                metadata:
                  name: %1$s
                  namespace: %2$s
                  labels:
                    app.kubernetes.io/name: %1$s
                spec:
                  type: ClusterIP
                  selector:
                    app.kubernetes.io/name: %1$s
                  ports:
                    - name: http
                      port: 80
                      targetPort: http
                      protocol: TCP
                """.formatted(name, ns);
    }

    private static String configMap(String name, String ns) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %1$s
                  namespace: %2$s
                data:
                  FEATURE_FLAGS: "checkout,search,recommendations"
                  CACHE_TTL_SECONDS: "300"
                  UPSTREAM_URL: http://%1$s-backend.%2$s.svc.cluster.local:8080
                  application.properties: |
                    server.port=8080
                    server.shutdown=graceful
                    spring.application.name=%1$s
                    spring.datasource.url=jdbc:postgresql://db.%2$s.svc:5432/%1$s
                    management.endpoints.web.exposure.include=health,info,prometheus
                    logging.level.root=INFO
                """.formatted(name, ns);
    }

    private static String secret(String name, String ns) {
        return """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: %1$s
                  namespace: %2$s
                type: Opaque
                data:
                  username: %3$s
                  password: %4$s
                """.formatted(name, ns, b64(name), b64("pw-" + Integer.toHexString(name.hashCode())));
    }

    private static String custom(String name, String ns, String kind) {
        return """
                apiVersion: %4$s/v1
                kind: %3$s
                metadata:
                  name: %1$s
                  namespace: %2$s
                spec:
                  size: 3
                  color: blue
                  tiers: [web, api, worker]
                  settings:
                    owner: %2$s
                    retention: 30d
                """.formatted(name, ns, kind, CUSTOM_GROUP);
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
