package org.libertymail.adapter.support;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * A DNS server for tests on a loopback UDP port, answering from a table: the records of each
 * (name, type), NXDOMAIN for names in no entry, an empty answer for other types of known names.
 */
public final class FakeDnsServer implements AutoCloseable {
    private final DatagramSocket socket;
    private final Map<String, List<Record>> records = new ConcurrentHashMap<>();
    private final Thread thread;

    public FakeDnsServer() throws IOException {
        this(0);
    }

    /** @param port the UDP port on 127.0.0.1 to answer on; 0: any free one */
    public FakeDnsServer(int port) throws IOException {
        socket = new DatagramSocket(port, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "fake-dns");
        thread.setDaemon(true);
        thread.start();
    }

    public String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    /** Adds records; their owner names are known from then on. */
    public FakeDnsServer add(Record... added) {
        for (Record r : added) {
            records.computeIfAbsent(key(r.getName(), r.getType()), k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(r);
            records.computeIfAbsent(key(r.getName(), -1), k -> new java.util.concurrent.CopyOnWriteArrayList<>());
        }
        return this;
    }

    public static Name name(String n) {
        try {
            return Name.fromString(n.endsWith(".") ? n : n + ".");
        } catch (org.xbill.DNS.TextParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String key(Name name, int type) {
        return name.toString().toLowerCase(java.util.Locale.ROOT) + "/" + type;
    }

    private void serve() {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                Record question = query.getQuestion();
                Message answer = new Message(query.getHeader().getID());
                answer.getHeader().setFlag(Flags.QR);
                answer.getHeader().setFlag(Flags.AA);
                answer.getHeader().setFlag(Flags.RD);
                answer.getHeader().setFlag(Flags.RA);
                answer.addRecord(question, Section.QUESTION);
                if (!records.containsKey(key(question.getName(), -1))) {
                    answer.getHeader().setRcode(Rcode.NXDOMAIN);
                } else {
                    for (Record r : records.getOrDefault(key(question.getName(), question.getType()), List.of())) {
                        answer.addRecord(r, Section.ANSWER);
                    }
                }
                byte[] wire = answer.toWire();
                socket.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
