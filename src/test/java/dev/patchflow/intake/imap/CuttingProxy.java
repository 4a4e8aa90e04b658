package dev.patchflow.intake.imap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of a server that cuts one connection, once, after the server has sent
 * it {@code cutAfter} bytes: a link that dies in the middle of a fetch.
 */
final class CuttingProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final int target;
  private final long cutAfter;
  private final AtomicBoolean armed = new AtomicBoolean(true);
  private final AtomicInteger cuts = new AtomicInteger();

  CuttingProxy(int target, long cutAfter) throws IOException {
    this.target = target;
    this.cutAfter = cutAfter;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::accept, "cutting-proxy");
    t.setDaemon(true);
    t.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  int cuts() {
    return cuts.get();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
        pump(client.getInputStream(), upstream.getOutputStream(), client, upstream, false);
        pump(upstream.getInputStream(), client.getOutputStream(), client, upstream, true);
      } catch (IOException e) {
        return;
      }
    }
  }

  private void pump(InputStream in, OutputStream out, Socket a, Socket b, boolean fromServer) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[512];
      long sent = 0;
      try {
        int n;
        while ((n = in.read(buf)) > 0) {
          out.write(buf, 0, n);
          out.flush();
          sent += n;
          if (fromServer && sent > cutAfter && armed.compareAndSet(true, false)) {
            cuts.incrementAndGet();
            break;
          }
        }
      } catch (IOException e) {
        // the other side went away
      }
      close(a);
      close(b);
    }, "cutting-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void close(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
