package dev.catalog.graphql.security;

import jakarta.servlet.http.HttpServletRequest;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Who a request comes from, as a rate-limit key. The peer address is the client unless it is a trusted
 * proxy; then {@code X-Forwarded-For} is read from the right, skipping trusted proxies, and the first
 * untrusted address is the client (entries further left are written by the client and can be forged).
 * IPv6 clients are keyed by their /64, since one host commonly owns a whole /64.
 */
public final class ClientAddressResolver {

    private static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final String FORWARDED = "Forwarded";

    private final List<IpRange> trustedProxies;

    /** @param trustedProxies IPs or CIDRs; a malformed entry fails here, at start-up */
    public ClientAddressResolver(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().filter(entry -> !entry.isBlank()).map(IpRange::parse).toList();
    }

    /** The rate-limit key of the request's client. */
    public String clientKey(HttpServletRequest request) {
        return clientKey(request.getRemoteAddr(), forwardedFor(request));
    }

    /**
     * Whether the request comes from this machine: its client is a loopback address, and it did not come
     * through a proxy that is not trusted (a proxy on this machine that forwards for remote clients connects
     * from loopback, and says so in a forwarding header).
     */
    public boolean isLocal(HttpServletRequest request) {
        Optional<InetAddress> peer = IpLiterals.parse(request.getRemoteAddr());
        if (peer.isEmpty()) {
            return false;
        }
        boolean forwarded = request.getHeader(FORWARDED_FOR) != null || request.getHeader(FORWARDED) != null;
        if (forwarded && !trusted(peer.get())) {
            return false;
        }
        return client(peer.get(), forwardedFor(request)).isLoopbackAddress();
    }

    private static List<String> forwardedFor(HttpServletRequest request) {
        List<String> forwarded = new ArrayList<>();
        for (String header : Collections.list(request.getHeaders(FORWARDED_FOR))) {
            for (String entry : header.split(",")) {
                forwarded.add(entry.strip());
            }
        }
        return forwarded;
    }

    /** The key for a peer address and the {@code X-Forwarded-For} entries in header order. */
    String clientKey(String peer, List<String> forwardedFor) {
        Optional<InetAddress> peerAddress = IpLiterals.parse(peer);
        if (peerAddress.isEmpty()) {
            return peer; // A Unix socket or similar: nothing to interpret.
        }
        return key(client(peerAddress.get(), forwardedFor));
    }

    /** The client behind a peer: the first untrusted address, reading {@code X-Forwarded-For} from the right. */
    private InetAddress client(InetAddress peer, List<String> forwardedFor) {
        InetAddress client = peer;
        for (int i = forwardedFor.size() - 1; i >= 0 && trusted(client); i--) {
            Optional<InetAddress> hop = IpLiterals.parse(forwardedFor.get(i));
            if (hop.isEmpty()) {
                break; // Garbage from the client side: the last trusted hop is the best we know.
            }
            client = hop.get();
        }
        return client;
    }

    private boolean trusted(InetAddress address) {
        return trustedProxies.stream().anyMatch(range -> range.contains(address));
    }

    private static String key(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] bytes = address.getAddress();
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString((bytes[i] & 0xFF) << 8 | bytes[i + 1] & 0xFF)).append(':');
            }
            return prefix.append(":/64").toString();
        }
        return address.getHostAddress();
    }
}
