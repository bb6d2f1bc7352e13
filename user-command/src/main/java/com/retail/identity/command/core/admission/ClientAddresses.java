package com.retail.identity.command.core.admission;

import com.google.common.net.InetAddresses;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The client's address behind load balancers, and the subnet it belongs to.
 *
 * <p>{@code X-Forwarded-For} is written by the client first and appended to by each proxy, so only
 * the entries added by proxies we run can be believed: walk it from the right, skipping trusted
 * proxies; the first address that is not one is the client. A request whose direct peer is not a
 * trusted proxy did not come through our load balancer, and its header is ignored.
 */
public final class ClientAddresses {
  private ClientAddresses() {}

  /**
   * @param remoteAddress the TCP peer ({@code HttpServletRequest.getRemoteAddr()})
   * @param forwardedFor the {@code X-Forwarded-For} header, possibly null or several
   *     comma-separated
   * @param trusted the load balancers' (and other own proxies') address ranges
   * @return the client address in canonical text form (IPv4-mapped IPv6 as IPv4), or the peer as
   *     given
   */
  public static String resolve(String remoteAddress, String forwardedFor, TrustedProxies trusted) {
    InetAddress peer = parse(remoteAddress);
    if (peer == null) {
      return remoteAddress;
    }
    if (forwardedFor == null || forwardedFor.isBlank() || !trusted.contains(peer)) {
      return InetAddresses.toAddrString(peer);
    }
    List<String> hops = new ArrayList<>(List.of(forwardedFor.split(",")));
    InetAddress client = peer;
    for (int i = hops.size() - 1; i >= 0; i--) {
      InetAddress hop = parse(hops.get(i).strip());
      if (hop == null) {
        break; // garbage left of here was written by the client; the last good hop stands
      }
      client = hop;
      if (!trusted.contains(hop)) {
        break;
      }
    }
    return InetAddresses.toAddrString(client);
  }

  /**
   * The address's /24 (IPv4) or /56 (IPv6) network as text, e.g. {@code 203.0.113.0/24}; an
   * unparseable address is its own "subnet".
   */
  public static String subnetOf(String address) {
    InetAddress parsed = parse(address);
    if (parsed == null) {
      return address;
    }
    byte[] bytes = parsed.getAddress();
    int prefix = parsed instanceof Inet4Address ? 24 : 56;
    for (int bit = prefix; bit < bytes.length * 8; bit++) {
      bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
    }
    try {
      return InetAddresses.toAddrString(InetAddress.getByAddress(bytes)) + "/" + prefix;
    } catch (java.net.UnknownHostException e) {
      return address;
    }
  }

  /**
   * A literal IPv4 or IPv6 address (never a DNS lookup), or null. Brackets and a zone id are
   * tolerated.
   */
  static InetAddress parse(String text) {
    if (text == null || text.isBlank() || text.length() > 64) {
      return null;
    }
    String t = text.strip();
    if (t.startsWith("[") && t.contains("]")) {
      t = t.substring(1, t.indexOf(']'));
    }
    int zone = t.indexOf('%');
    if (zone > 0) {
      t = t.substring(0, zone);
    }
    if (!InetAddresses.isInetAddress(t)) {
      return null;
    }
    InetAddress address = InetAddresses.forString(t);
    if (address instanceof Inet6Address v6 && InetAddresses.isMappedIPv4Address(t)) {
      return InetAddresses.getEmbeddedIPv4ClientAddress(v6);
    }
    return address;
  }
}
