package ai.healthflow.email;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

/** Just enough SMTP for the sender: one thread per connection, every accepted message recorded. */
final class FakeSmtpServer implements AutoCloseable {

    enum Behaviour {
        /** accepts every message */
        ACCEPT,
        /** answers 550 to RCPT TO */
        REJECT_RECIPIENT,
        /** closes the connection without a greeting */
        HANG_UP
    }

    /** One accepted message: envelope and parsed content. */
    record Received(String mailFrom, List<String> recipients, MimeMessage message) {
        String subject() {
            try {
                return message.getSubject();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** The text, with line ends as sent; without the line end SMTP framing adds to an unencoded body. */
        String body() {
            try {
                String text = ((String) message.getContent()).replace("\r\n", "\n");
                return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        String header(String name) {
            try {
                return message.getHeader(name, null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final ServerSocket socket;
    private final Behaviour behaviour;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    FakeSmtpServer(Behaviour behaviour) {
        this.behaviour = behaviour;
        try {
            this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofPlatform().daemon().name("fake-smtp").start(this::acceptLoop);
    }

    int port() {
        return socket.getLocalPort();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** Settings pointing at this server: no TLS, no login. */
    EmailSettings settings(int maxAttempts) {
        return new EmailSettings("127.0.0.1", port(), "", "", false, "HealthFlow <no-reply@healthflow.test>",
                maxAttempts);
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Thread.ofVirtual().start(() -> converse(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void converse(Socket client) {
        try (client) {
            if (behaviour == Behaviour.HANG_UP) {
                return;
            }
            var in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = client.getOutputStream();
            reply(out, "220 fake.test ESMTP");
            String mailFrom = null;
            List<String> recipients = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() < 4 ? line.toUpperCase() : line.substring(0, 4).toUpperCase();
                switch (command) {
                    case "EHLO", "HELO" -> reply(out, "250 fake.test");
                    case "MAIL" -> {
                        mailFrom = line.substring(line.indexOf(':') + 1).strip();
                        recipients.clear();
                        reply(out, "250 OK");
                    }
                    case "RCPT" -> {
                        if (behaviour == Behaviour.REJECT_RECIPIENT) {
                            reply(out, "550 5.1.1 mailbox unavailable");
                        } else {
                            recipients.add(line.substring(line.indexOf(':') + 1).strip());
                            reply(out, "250 OK");
                        }
                    }
                    case "DATA" -> {
                        reply(out, "354 end with <CRLF>.<CRLF>");
                        var data = new StringBuilder();
                        String dataLine;
                        while ((dataLine = in.readLine()) != null && !dataLine.equals(".")) {
                            data.append(dataLine.startsWith(".") ? dataLine.substring(1) : dataLine).append("\r\n");
                        }
                        byte[] bytes = data.toString().getBytes(StandardCharsets.ISO_8859_1);
                        received.add(new Received(mailFrom, List.copyOf(recipients),
                                new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes))));
                        reply(out, "250 OK queued");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "250 OK");
                }
            }
        } catch (Exception e) {
            // the client went away; nothing to record
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
