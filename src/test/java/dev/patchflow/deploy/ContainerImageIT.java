package dev.patchflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchflow.testing.Tools;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image as deploy/image/README.md builds it (base image from this machine, Jib to
 * a tarball, no Docker daemon), then run as a container runtime would: its layers unpacked into a
 * root file system, its entrypoint started there with its environment and user (chroot), and the
 * server inside answering over HTTP with the demo project, its database written by the image's
 * unprivileged user.
 */
class ContainerImageIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  @Test
  void theImageBuildsWithoutADaemonAndServes() throws Exception {
    // A machine that cannot do what a container runtime does (root, mounting /proc) skips the
    // test with that reason rather than failing: it says nothing about the image.
    assumeTrue("root".equals(System.getProperty("user.name")), "running an unpacked image needs root (chroot, mknod, mount)");
    Tools.require("chroot");
    Path repo = Path.of("").toAbsolutePath();
    Path base = repo.resolve("target/image/base.tar");
    run(repo, 300, "deploy/image/base-image.sh", base.toString());
    run(repo, 600, "./mvnw", "-B", "-q", "jib:buildTar");
    Path image = repo.resolve("target/image/patchflow.tar");
    assertThat(image).exists();

    Path unpacked = Files.createDirectories(tmp.resolve("image"));
    run(unpacked, 120, "tar", "-xf", image.toString());
    JsonNode manifest = JSON.readTree(unpacked.resolve("manifest.json").toFile()).get(0);
    JsonNode config = JSON.readTree(unpacked.resolve(manifest.get("Config").asText()).toFile()).get("config");
    assertThat(config.get("User").asText()).isEqualTo("10001:10001");
    assertThat(config.get("ExposedPorts").has("8080/tcp")).isTrue();
    List<String> entrypoint = strings(config.get("Entrypoint"));
    assertThat(entrypoint).contains("dev.patchflow.cli.Main");
    assertThat(strings(config.get("Cmd"))).containsExactly("serve", "--host", "0.0.0.0");
    assertThat(manifest.get("Layers").size()).isGreaterThan(1); // the base, then the app's own layers

    Path rootfs = Files.createDirectories(tmp.resolve("rootfs"));
    for (JsonNode layer : manifest.get("Layers")) {
      run(rootfs, 120, "tar", "-xf", unpacked.resolve(layer.asText()).toString());
    }
    // What a runtime provides: the few device nodes the JVM opens, /proc (the loader finds the
    // runtime's own libraries through /proc/self/exe), and an /etc/hosts that names the host.
    Files.writeString(rootfs.resolve("etc/hosts"), "127.0.0.1 localhost " + java.net.InetAddress.getLocalHost().getHostName()
        + "\n", java.nio.file.StandardOpenOption.APPEND);
    for (String[] dev : new String[][] {{"null", "3"}, {"zero", "5"}, {"random", "8"}, {"urandom", "9"}}) {
      run(rootfs, 10, "mknod", "-m", "666", "dev/" + dev[0], "c", "1", dev[1]);
    }
    Process mount = new ProcessBuilder("mount", "-t", "proc", "proc", rootfs.resolve("proc").toString())
        .redirectErrorStream(true).start();
    String mountOutput = new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assumeTrue(mount.waitFor() == 0, "this machine does not let root mount /proc for the image: " + mountOutput);
    try {
      serve(rootfs, config, entrypoint);
    } finally {
      run(rootfs, 30, "umount", "-l", "proc");
    }
  }

  private static void serve(Path rootfs, JsonNode config, List<String> entrypoint) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> command = new ArrayList<>(List.of("chroot", "--userspec=" + config.get("User").asText(), rootfs.toString()));
    command.addAll(entrypoint);
    command.addAll(List.of("serve", "--host", "127.0.0.1", "--port", Integer.toString(port)));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.clear();
    for (JsonNode e : config.get("Env")) {
      String kv = e.asText();
      env.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
    }
    Process server = pb.start();
    StringBuilder output = new StringBuilder();
    CompletableFuture<Boolean> serving = CompletableFuture.supplyAsync(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          synchronized (output) {
            output.append(line).append('\n');
          }
          if (line.startsWith("Patchflow is serving")) {
            return true;
          }
        }
        return false;
      } catch (IOException e) {
        return false;
      }
    });
    try {
      assertThat(serving.get(120, TimeUnit.SECONDS)).as("the server in the image started: %s", output).isTrue();
      HttpClient http = HttpClient.newHttpClient();
      String url = "http://127.0.0.1:" + port;
      assertThat(http.send(HttpRequest.newBuilder(URI.create(url + "/healthz")).build(),
          HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("ok");
      JsonNode projects = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(url + "/api/1.3/projects/")).build(),
          HttpResponse.BodyHandlers.ofString()).body());
      assertThat(projects.findValuesAsText("link_name")).contains("widgets.lists.example.org");
      // The embedded database is on the image's volume, written by its unprivileged user.
      Path db = rootfs.resolve("var/lib/patchflow/db");
      assertThat(Files.list(db).map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith(".mv.db"));
      assertThat(Files.getAttribute(db, "unix:uid")).isEqualTo(10001);
    } finally {
      server.destroy();
      if (!server.waitFor(30, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static void run(Path dir, int seconds, String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
      try {
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return e.toString();
      }
    });
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish in " + seconds + " s: " + out.getNow(""));
    }
    assertThat(p.exitValue()).as("%s failed: %s", String.join(" ", command), out.join()).isZero();
  }
}
