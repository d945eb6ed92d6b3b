using System.Net;
using System.Net.Sockets;

namespace MagLoop.Server;

/// <summary>
/// Where a webhook may point. A subscription makes the server send requests to a URL its client chose, so without a
/// check any key that may subscribe could make the server reach what only the server can reach (server-side request
/// forgery): its own loopback services, the private network behind it, a cloud metadata endpoint on 169.254.169.254.
/// Unless the server runs with <see cref="ServerOptions.WebhookAllowPrivate"/>, a destination must be http or https
/// and every address its host resolves to must be a public one; checked when the subscription is made and again at
/// each connection, on the address actually connected to, so a name that later resolves elsewhere (DNS rebinding)
/// is refused too.
/// </summary>
internal static class Webhooks
{
    /// <summary>Why <paramref name="address"/> is not a public unicast address (RFC 6890's special-purpose ranges), or null when it is.</summary>
    public static string? Special(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var v6 = address.GetAddressBytes();
            if (address.Equals(IPAddress.IPv6Loopback)) return "loopback (::1)";
            if (address.Equals(IPAddress.IPv6None)) return "unspecified (::)";
            if (address.IsIPv6LinkLocal) return "link-local (fe80::/10)";
            if (address.IsIPv6SiteLocal) return "site-local (fec0::/10)";
            if (address.IsIPv6UniqueLocal) return "unique local, private (fc00::/7)";
            if (address.IsIPv6Multicast) return "multicast (ff00::/8)";
            // NAT64 (64:ff9b::/96, RFC 6052) and IPv4-compatible (::/96) addresses carry an IPv4 address: judge that one.
            var nat64 = v6[0] == 0 && v6[1] == 0x64 && v6[2] == 0xff && v6[3] == 0x9b && v6.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0;
            var compatible = v6.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0;
            if (nat64 || compatible) return Special(new IPAddress(v6.AsSpan(12, 4))) is { } embedded ? $"{embedded}, embedded in {address}" : null;
            return null;
        }

        return address.GetAddressBytes() switch
        {
            [0, ..] => "'this network' (0.0.0.0/8)",
            [127, ..] => "loopback (127.0.0.0/8)",
            [10, ..] => "private (10.0.0.0/8, RFC 1918)",
            [172, >= 16 and <= 31, ..] => "private (172.16.0.0/12, RFC 1918)",
            [192, 168, ..] => "private (192.168.0.0/16, RFC 1918)",
            [169, 254, ..] => "link-local (169.254.0.0/16)",
            [100, >= 64 and <= 127, ..] => "shared, carrier-grade NAT (100.64.0.0/10, RFC 6598)",
            [192, 0, 0, _] => "IETF protocol assignments (192.0.0.0/24)",
            [198, 18 or 19, ..] => "benchmarking (198.18.0.0/15)",
            [>= 224, ..] => "multicast or reserved (224.0.0.0/3)",
            _ => null,
        };
    }

    /// <summary>Why a subscription may not send to <paramref name="dest"/> (an http or https URL), or null when it may (resolving its host).</summary>
    public static async Task<string?> Refusal(Uri dest, ServerOptions options, CancellationToken cancel)
    {
        if (options.WebhookAllowPrivate) return null;
        IPAddress[] addresses;
        try
        {
            addresses = await Addresses(dest.IdnHost, options, cancel);
        }
        catch (SocketException e)
        {
            return $"dest: host '{dest.Host}' does not resolve ({e.SocketErrorCode}), so its addresses cannot be checked";
        }

        return addresses.Length == 0 ? $"dest: host '{dest.Host}' resolves to no address"
            : addresses.Select(a => (a, Special(a))).FirstOrDefault(x => x.Item2 is not null) is ({ } bad, { } why)
                ? $"dest: '{dest.Host}' is {(IPAddress.TryParse(dest.Host.Trim('[', ']'), out _) ? "" : $"at {bad}, ")}{why}; a webhook must reach a public address (the server allows others only when started with --webhook-allow-private)"
                : null;
    }

    /// <summary>
    /// The webhook client's handler: it connects only to checked addresses (the check at every connection, after
    /// resolving), follows no redirect (a 3xx is a failed delivery, not a way to another address) and uses no proxy
    /// (through a proxy the address connected to would be the proxy's, not the destination's).
    /// </summary>
    public static SocketsHttpHandler Handler(ServerOptions options) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = async (context, cancel) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = await Addresses(host, options, cancel);
            if (!options.WebhookAllowPrivate)
                foreach (var a in addresses)
                    if (Special(a) is { } why)
                        throw new WebhookRefusedException($"dest host '{host}' resolves to {a}, {why}: not connected (--webhook-allow-private allows it)");
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancel);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    private static async Task<IPAddress[]> Addresses(string host, ServerOptions options, CancellationToken cancel) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await options.ResolveHost(host, cancel);
}

/// <summary>A webhook destination resolved to an address the server may not send to.</summary>
internal sealed class WebhookRefusedException(string message) : IOException(message);
