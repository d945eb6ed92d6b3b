using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace MagLoop.Traceability.Epcis;

/// <summary>
/// The constrained canonical GS1 Digital Link URI of an identifier, as the CBV 2.0 event hash needs it (CBV 2.0
/// section 8.9; GS1 EPC Tag Data Standard 2.0 section 6 for the EPC URI schemes; GS1 Digital Link 1.2 for the
/// primary keys): EPC URIs, EPC class URIs and EPC pattern URIs are converted to https://id.gs1.org/ with their
/// check digit; a Digital Link URI on any host is moved to id.gs1.org, short key names become application
/// identifiers, a GTIN is padded to 14 digits, the query string, a CPV and (when a serial is present) a lot are
/// dropped. Anything else is not an identifier of this kind: null.
/// </summary>
public static class DigitalLink
{
    private const string Root = "https://id.gs1.org/";

    /// <summary>The canonical form of <paramref name="uri"/>, or null when it is neither an EPC nor a GS1 Digital Link URI.</summary>
    public static string? Canonical(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.Contains('.', StringComparison.Ordinal)) return null;
        if (uri.StartsWith("urn:epc:id:", StringComparison.Ordinal)) return FromEpc(uri.AsSpan("urn:epc:id:".Length));
        if (uri.StartsWith("urn:epc:class:lgtin:", StringComparison.Ordinal)) return FromClass(uri.AsSpan("urn:epc:class:lgtin:".Length));
        if (uri.StartsWith("urn:epc:idpat:", StringComparison.Ordinal)) return FromPattern(uri.AsSpan("urn:epc:idpat:".Length));
        return uri.StartsWith("http://", StringComparison.Ordinal) || uri.StartsWith("https://", StringComparison.Ordinal) ? FromWeb(uri) : null;
    }

    /// <summary>The GS1 mod-10 check digit of <paramref name="digits"/> (weights 3 and 1 from the right; GS1 General Specifications 7.9.1).</summary>
    public static char CheckDigit(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        return CheckDigit(digits.AsSpan());
    }

    private static char CheckDigit(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
            sum += (digits[digits.Length - 1 - i] - '0') * (i % 2 == 0 ? 3 : 1);
        return (char)('0' + (10 - sum % 10) % 10);
    }

    // An EPC URI's parts are read as spans and the URI written into one buffer: these run for every identifier of
    // every event hashed on capture. Up to MaxParts parts are told apart; the last holds any more.
    private const int MaxParts = 6;

    private static string? FromEpc(ReadOnlySpan<char> rest)
    {
        var colon = rest.IndexOf(':');
        if (colon < 0) return null;
        var scheme = rest[..colon];
        var body = rest[(colon + 1)..];
        Span<Range> ranges = stackalloc Range[MaxParts];
        var count = body.Split(ranges, '.');
        var p0 = body[ranges[0]];
        var p1 = count > 1 ? body[ranges[1]] : default;
        var p2 = count > 2 ? body[ranges[2]] : default;
        // The parts from the second or third on, joined by their dots as in the URI.
        var from1 = count > 1 ? body[ranges[1].Start..] : default;
        var from2 = count > 2 ? body[ranges[2].Start..] : default;
        var uri = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture, stackalloc char[128]);
        uri.AppendLiteral(Root);
        switch (scheme)
        {
            case "sgtin" when count == 3 && Prefix(p0) && Digits(p1, 13 - p0.Length) && Value(p2, 20):
                uri.AppendLiteral("01/");
                AppendGtin(ref uri, p0, p1);
                uri.AppendLiteral("/21/");
                AppendEscaped(ref uri, p2);
                break;
            case "sscc" when count == 2 && Prefix(p0) && Digits(p1, 17 - p0.Length):
                uri.AppendLiteral("00/");
                AppendWithCheck(ref uri, p1[..1], p0, p1[1..]);
                break;
            case "sgln" when count == 3 && Prefix(p0) && Digits(p1, 12 - p0.Length) && Value(p2, 20):
                uri.AppendLiteral("414/");
                AppendWithCheck(ref uri, p0, p1);
                if (p2 is not "0")
                {
                    uri.AppendLiteral("/254/");
                    AppendEscaped(ref uri, p2);
                }

                break;
            case "grai" when count == 3 && Prefix(p0) && Digits(p1, 12 - p0.Length) && Value(p2, 16):
                uri.AppendLiteral("8003/");
                AppendWithCheck(ref uri, "0", p0, p1);
                AppendEscaped(ref uri, p2);
                break;
            case "giai" when count >= 2 && Prefix(p0) && Value(from1, 30 - p0.Length):
                uri.AppendLiteral("8004/");
                uri.AppendFormatted(p0);
                AppendEscaped(ref uri, from1);
                break;
            case "gsrn" when count == 2 && Prefix(p0) && Digits(p1, 17 - p0.Length):
                uri.AppendLiteral("8018/");
                AppendWithCheck(ref uri, p0, p1);
                break;
            case "gsrnp" when count == 2 && Prefix(p0) && Digits(p1, 17 - p0.Length):
                uri.AppendLiteral("8017/");
                AppendWithCheck(ref uri, p0, p1);
                break;
            case "gdti" when count >= 3 && Prefix(p0) && Digits(p1, 12 - p0.Length) && Value(from2, 17):
                uri.AppendLiteral("253/");
                AppendWithCheck(ref uri, p0, p1);
                AppendEscaped(ref uri, from2);
                break;
            case "cpi" when count == 3 && Prefix(p0) && p1.Length is > 0 && p0.Length + p1.Length <= 30 && Digits(p2) && p2.Length <= 12:
                uri.AppendLiteral("8010/");
                AppendEscaped(ref uri, p0);
                AppendEscaped(ref uri, p1);
                uri.AppendLiteral("/8011/");
                uri.AppendFormatted(p2);
                break;
            case "sgcn" when count == 3 && Prefix(p0) && Digits(p1, 12 - p0.Length) && Digits(p2) && p2.Length <= 12:
                uri.AppendLiteral("255/");
                AppendWithCheck(ref uri, p0, p1);
                uri.AppendFormatted(p2);
                break;
            case "ginc" when count >= 2 && Prefix(p0) && Value(from1, 30 - p0.Length):
                uri.AppendLiteral("401/");
                uri.AppendFormatted(p0);
                AppendEscaped(ref uri, from1);
                break;
            case "gsin" when count == 2 && Prefix(p0) && Digits(p1, 16 - p0.Length):
                uri.AppendLiteral("402/");
                AppendWithCheck(ref uri, p0, p1);
                break;
            case "itip" when count == 5 && Prefix(p0) && Digits(p1, 13 - p0.Length) && Digits(p2, 2) && Digits(body[ranges[3]], 2) && Value(body[ranges[4]], 20):
                uri.AppendLiteral("8006/");
                AppendGtin(ref uri, p0, p1);
                uri.AppendFormatted(p2);
                uri.AppendFormatted(body[ranges[3]]);
                uri.AppendLiteral("/21/");
                AppendEscaped(ref uri, body[ranges[4]]);
                break;
            case "upui" when count >= 3 && Prefix(p0) && Digits(p1, 13 - p0.Length) && Value(from2, 28):
                uri.AppendLiteral("01/");
                AppendGtin(ref uri, p0, p1);
                uri.AppendLiteral("/235/");
                AppendEscaped(ref uri, from2);
                break;
            case "pgln" when count == 2 && Prefix(p0) && Digits(p1, 12 - p0.Length):
                uri.AppendLiteral("417/");
                AppendWithCheck(ref uri, p0, p1);
                break;
            default:
                uri.Clear();
                return null;
        }

        return uri.ToStringAndClear();
    }

    private static string? FromClass(ReadOnlySpan<char> rest)
    {
        Span<Range> ranges = stackalloc Range[4];
        if (rest.Split(ranges, '.') != 3) return null;
        var p0 = rest[ranges[0]];
        var p1 = rest[ranges[1]];
        var p2 = rest[ranges[2]];
        if (!Prefix(p0) || !Digits(p1, 13 - p0.Length) || !Value(p2, 20)) return null;
        var uri = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture, stackalloc char[128]);
        uri.AppendLiteral(Root);
        uri.AppendLiteral("01/");
        AppendGtin(ref uri, p0, p1);
        uri.AppendLiteral("/10/");
        AppendEscaped(ref uri, p2);
        return uri.ToStringAndClear();
    }

    private static string? FromPattern(ReadOnlySpan<char> rest)
    {
        var colon = rest.IndexOf(':');
        if (colon < 0) return null;
        var scheme = rest[..colon];
        var body = rest[(colon + 1)..];
        Span<Range> ranges = stackalloc Range[MaxParts];
        var count = body.Split(ranges, '.');
        var p0 = body[ranges[0]];
        if (count < 2 || body[ranges[count - 1]] is not "*" || !Prefix(p0)) return null;
        var p1 = body[ranges[1]];
        var uri = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture, stackalloc char[128]);
        uri.AppendLiteral(Root);
        switch (scheme)
        {
            case "sgtin" or "upui" when count == 3 && Digits(p1, 13 - p0.Length):
                uri.AppendLiteral("01/");
                AppendGtin(ref uri, p0, p1);
                break;
            case "grai" when count == 3 && Digits(p1, 12 - p0.Length):
                uri.AppendLiteral("8003/");
                AppendWithCheck(ref uri, "0", p0, p1);
                break;
            case "gdti" when count == 3 && Digits(p1, 12 - p0.Length):
                uri.AppendLiteral("253/");
                AppendWithCheck(ref uri, p0, p1);
                break;
            case "sgcn" when count == 3 && Digits(p1, 12 - p0.Length):
                uri.AppendLiteral("255/");
                AppendWithCheck(ref uri, p0, p1);
                break;
            case "cpi" when count == 3 && p1.Length > 0:
                uri.AppendLiteral("8010/");
                AppendEscaped(ref uri, p0);
                AppendEscaped(ref uri, p1);
                break;
            case "itip" when count == 5 && Digits(p1, 13 - p0.Length) && Digits(body[ranges[2]], 2) && Digits(body[ranges[3]], 2):
                uri.AppendLiteral("8006/");
                AppendGtin(ref uri, p0, p1);
                uri.AppendFormatted(body[ranges[2]]);
                uri.AppendFormatted(body[ranges[3]]);
                break;
            default:
                uri.Clear();
                return null;
        }

        return uri.ToStringAndClear();
    }

    // Primary keys (application identifier, with the short names GS1 Digital Link 1.0 also allowed).
    private static readonly Dictionary<string, string> Keys = new(StringComparer.Ordinal)
    {
        ["00"] = "00", ["sscc"] = "00", ["01"] = "01", ["gtin"] = "01", ["253"] = "253", ["gdti"] = "253", ["255"] = "255", ["gcn"] = "255",
        ["401"] = "401", ["ginc"] = "401", ["402"] = "402", ["gsin"] = "402", ["414"] = "414", ["gln"] = "414", ["417"] = "417", ["party"] = "417",
        ["8003"] = "8003", ["grai"] = "8003", ["8004"] = "8004", ["giai"] = "8004", ["8006"] = "8006", ["itip"] = "8006", ["8010"] = "8010", ["cpid"] = "8010",
        ["8017"] = "8017", ["gsrnp"] = "8017", ["8018"] = "8018", ["gsrn"] = "8018",
    };

    // Key qualifiers by short name.
    private static readonly Dictionary<string, string> Qualifiers = new(StringComparer.Ordinal)
    {
        ["cpv"] = "22", ["lot"] = "10", ["ser"] = "21",
    };

    private static string? FromWeb(string uri)
    {
        // Path of the URI (no scheme, authority, query or fragment).
        var start = uri.IndexOf("//", StringComparison.Ordinal) + 2;
        var pathStart = uri.IndexOf('/', start);
        if (pathStart < 0) return null;
        var end = uri.AsSpan(pathStart).IndexOfAny('?', '#') is var at and >= 0 ? pathStart + at : -1;
        if (end >= 0 && uri[end] == '#') return null; // a fragment is not part of a constrained Digital Link URI
        if (!HasKeySegment(uri.AsSpan(pathStart, (end < 0 ? uri.Length : end) - pathStart))) return null; // most web URIs (CBV values) are not Digital Links
        var segments = uri[pathStart..(end < 0 ? uri.Length : end)].Split('/', StringSplitOptions.None)[1..].ToList();
        if (segments.Count > 0 && segments[^1].Length == 0) segments.RemoveAt(segments.Count - 1);

        // The first primary key in the path (anything before it is the resolver's own path), with its value and qualifiers.
        var keyAt = segments.FindIndex(s => Keys.ContainsKey(s));
        if (keyAt < 0 || segments.Count - keyAt < 2) return null;
        var key = Keys[segments[keyAt]];
        var value = segments[keyAt + 1];
        if (value.Length < 4 || !char.IsAsciiDigit(value[0]) || !value[..4].All(char.IsAsciiDigit)) return null;
        var qualifiers = new List<(string Code, string Value)>();
        for (var i = keyAt + 2; i + 1 < segments.Count; i += 2)
            qualifiers.Add((Qualifiers.GetValueOrDefault(segments[i], segments[i]), segments[i + 1]));
        if ((segments.Count - keyAt) % 2 != 0 || qualifiers.Count > 1) return null;

        if (key == "01")
        {
            if (value.All(char.IsAsciiDigit) && value.Length is 8 or 12 or 13) value = value.PadLeft(14, '0');
        }

        // The most fine-grained identifier only: no CPV, and a serial makes a lot redundant.
        qualifiers.RemoveAll(q => q.Code == "22" && key is "01" or "8006");
        if (qualifiers.Any(q => q.Code == "21")) qualifiers.RemoveAll(q => q.Code == "10");
        var canonical = new StringBuilder(Root).Append(key).Append('/').Append(value);
        foreach (var (code, v) in qualifiers) canonical.Append('/').Append(code).Append('/').Append(v);
        var result = canonical.ToString();
        return Valid(key, value, qualifiers) ? result : null;
    }

    // Whether a segment of the path is a primary key, without splitting it.
    private static bool HasKeySegment(ReadOnlySpan<char> path)
    {
        var keys = Keys.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var segment in path.Split('/'))
            if (keys.ContainsKey(path[segment])) return true;
        return false;
    }

    // The syntax of each key and its allowed qualifier (GS1 Digital Link 1.2 table 6-1, the subset EPCIS uses).
    private static bool Valid(string key, string value, List<(string Code, string Value)> qualifiers)
    {
        var q = qualifiers.Count == 0 ? null : qualifiers[0].Code;
        var qv = qualifiers.Count == 0 ? "" : qualifiers[0].Value;
        return key switch
        {
            "00" => Digits(value, 18) && q is null,
            "01" => Digits(value, 14) && (q is null || (q is "21" or "10" && Safe(qv, 20)) || (q == "235" && Safe(qv, 28))),
            "253" => value.Length >= 13 && Digits(value.AsSpan(0, 13)) && Safe(value.AsSpan(13), 17) && q is null,
            "255" => value.Length >= 13 && Digits(value) && value.Length <= 25 && q is null,
            "401" => Safe(value, 30) && q is null,
            "402" => Digits(value, 17) && q is null,
            "414" => Digits(value, 13) && (q is null || (q == "254" && Safe(qv, 20))),
            "417" => Digits(value, 13) && q is null,
            "8003" => value.Length >= 14 && Digits(value.AsSpan(0, 14)) && Safe(value.AsSpan(14), 16) && q is null,
            "8004" => Safe(value, 30) && q is null,
            "8006" => Digits(value, 18) && (q is null || (q is "21" or "10" && Safe(qv, 20))),
            "8010" => value.Length <= 30 && value.All(c => c is '#' or '-' or '/' || char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c)) && (q is null || (q == "8011" && Digits(qv) && qv.Length <= 12)),
            "8017" or "8018" => Digits(value, 18) && q is null,
            _ => false,
        };
    }

    // Characters a canonical value may hold unescaped (a subset of GS1's character set 82).
    private static readonly SearchValues<char> SafeChars = SearchValues.Create("\"'-.;<=>?_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    private static bool Safe(ReadOnlySpan<char> s, int max) => s.Length <= max && !s.ContainsAnyExcept(SafeChars);

    private static bool Prefix(ReadOnlySpan<char> companyPrefix) => companyPrefix.Length is >= 6 and <= 12 && Digits(companyPrefix);

    private static bool Digits(ReadOnlySpan<char> s) => s.Length > 0 && !s.ContainsAnyExceptInRange('0', '9');

    private static bool Digits(ReadOnlySpan<char> s, int length) => s.Length == length && !s.ContainsAnyExceptInRange('0', '9');

    // An EPC URI serial: GS1 character set 82, with the URI's own %-escapes (TDS 2.0 table A-1).
    private static bool Value(ReadOnlySpan<char> s, int max)
    {
        var length = 0;
        for (var i = 0; i < s.Length; i++, length++)
        {
            if (s[i] == '%')
            {
                if (i + 2 >= s.Length || !char.IsAsciiHexDigit(s[i + 1]) || !char.IsAsciiHexDigit(s[i + 2])) return false;
                i += 2;
            }
            else if (!(char.IsAsciiLetterOrDigit(s[i]) || "!'()*+,-.:;=_".Contains(s[i], StringComparison.Ordinal))) return false;
        }

        return length is > 0 && length <= max;
    }

    // The GTIN of an EPC: indicator digit (the item reference's first), company prefix, rest of the item reference, check digit.
    private static void AppendGtin(ref DefaultInterpolatedStringHandler uri, ReadOnlySpan<char> companyPrefix, ReadOnlySpan<char> itemReference) =>
        AppendWithCheck(ref uri, itemReference[..1], companyPrefix, itemReference[1..]);

    // The digits of the parts, one after the other, then their check digit (the parts are validated: at most 17 digits).
    private static void AppendWithCheck(ref DefaultInterpolatedStringHandler uri, ReadOnlySpan<char> a, ReadOnlySpan<char> b, ReadOnlySpan<char> c = default)
    {
        Span<char> digits = stackalloc char[a.Length + b.Length + c.Length];
        a.CopyTo(digits);
        b.CopyTo(digits[a.Length..]);
        c.CopyTo(digits[(a.Length + b.Length)..]);
        uri.AppendFormatted(digits);
        uri.AppendFormatted(CheckDigit(digits));
    }

    // Characters a Digital Link path segment must percent-encode (GS1 Digital Link 1.2 table 7-1) that an EPC URI
    // leaves as they are; the EPC URI's own %-escapes are kept.
    private static void AppendEscaped(ref DefaultInterpolatedStringHandler uri, ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (c is '!' or '(' or ')' or '*' or '+' or ',' or ':')
            {
                uri.AppendFormatted('%');
                uri.AppendFormatted((int)c, "X2");
            }
            else uri.AppendFormatted(c);
        }
    }
}
