using System.Globalization;
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
        if (uri.StartsWith("urn:epc:id:", StringComparison.Ordinal)) return FromEpc(uri["urn:epc:id:".Length..]);
        if (uri.StartsWith("urn:epc:class:lgtin:", StringComparison.Ordinal)) return FromClass(uri["urn:epc:class:lgtin:".Length..]);
        if (uri.StartsWith("urn:epc:idpat:", StringComparison.Ordinal)) return FromPattern(uri["urn:epc:idpat:".Length..]);
        return uri.StartsWith("http://", StringComparison.Ordinal) || uri.StartsWith("https://", StringComparison.Ordinal) ? FromWeb(uri) : null;
    }

    /// <summary>The GS1 mod-10 check digit of <paramref name="digits"/> (weights 3 and 1 from the right; GS1 General Specifications 7.9.1).</summary>
    public static char CheckDigit(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
            sum += (digits[digits.Length - 1 - i] - '0') * (i % 2 == 0 ? 3 : 1);
        return (char)('0' + (10 - sum % 10) % 10);
    }

    private static string? FromEpc(string rest)
    {
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0) return null;
        var scheme = rest[..colon];
        var parts = rest[(colon + 1)..].Split('.');
        switch (scheme)
        {
            case "sgtin" when parts.Length == 3 && Prefix(parts[0]) && Digits(parts[1], 13 - parts[0].Length) && Value(parts[2], 20):
                return $"{Root}01/{Gtin(parts[0], parts[1])}/21/{Escape(parts[2])}";
            case "sscc" when parts.Length == 2 && Prefix(parts[0]) && Digits(parts[1], 17 - parts[0].Length):
                return Root + "00/" + WithCheck(parts[1][0] + parts[0] + parts[1][1..]);
            case "sgln" when parts.Length == 3 && Prefix(parts[0]) && Digits(parts[1], 12 - parts[0].Length) && Value(parts[2], 20):
                var gln = WithCheck(parts[0] + parts[1]);
                return parts[2] == "0" ? $"{Root}414/{gln}" : $"{Root}414/{gln}/254/{Escape(parts[2])}";
            case "grai" when parts.Length == 3 && Prefix(parts[0]) && Digits(parts[1], 12 - parts[0].Length) && Value(parts[2], 16):
                return Root + "8003/" + WithCheck("0" + parts[0] + parts[1]) + Escape(parts[2]);
            case "giai" when parts.Length >= 2 && Prefix(parts[0]) && Value(string.Join('.', parts[1..]), 30 - parts[0].Length):
                return Root + "8004/" + parts[0] + Escape(string.Join('.', parts[1..]));
            case "gsrn" when parts.Length == 2 && Prefix(parts[0]) && Digits(parts[1], 17 - parts[0].Length):
                return Root + "8018/" + WithCheck(parts[0] + parts[1]);
            case "gsrnp" when parts.Length == 2 && Prefix(parts[0]) && Digits(parts[1], 17 - parts[0].Length):
                return Root + "8017/" + WithCheck(parts[0] + parts[1]);
            case "gdti" when parts.Length >= 3 && Prefix(parts[0]) && Digits(parts[1], 12 - parts[0].Length) && Value(string.Join('.', parts[2..]), 17):
                return Root + "253/" + WithCheck(parts[0] + parts[1]) + Escape(string.Join('.', parts[2..]));
            case "cpi" when parts.Length == 3 && Prefix(parts[0]) && parts[1].Length is > 0 && parts[0].Length + parts[1].Length <= 30 && Digits(parts[2]) && parts[2].Length <= 12:
                return $"{Root}8010/{Escape(parts[0] + parts[1])}/8011/{parts[2]}";
            case "sgcn" when parts.Length == 3 && Prefix(parts[0]) && Digits(parts[1], 12 - parts[0].Length) && Digits(parts[2]) && parts[2].Length <= 12:
                return Root + "255/" + WithCheck(parts[0] + parts[1]) + parts[2];
            case "ginc" when parts.Length >= 2 && Prefix(parts[0]) && Value(string.Join('.', parts[1..]), 30 - parts[0].Length):
                return Root + "401/" + parts[0] + Escape(string.Join('.', parts[1..]));
            case "gsin" when parts.Length == 2 && Prefix(parts[0]) && Digits(parts[1], 16 - parts[0].Length):
                return Root + "402/" + WithCheck(parts[0] + parts[1]);
            case "itip" when parts.Length == 5 && Prefix(parts[0]) && Digits(parts[1], 13 - parts[0].Length) && Digits(parts[2], 2) && Digits(parts[3], 2) && Value(parts[4], 20):
                return $"{Root}8006/{Gtin(parts[0], parts[1])}{parts[2]}{parts[3]}/21/{Escape(parts[4])}";
            case "upui" when parts.Length >= 3 && Prefix(parts[0]) && Digits(parts[1], 13 - parts[0].Length) && Value(string.Join('.', parts[2..]), 28):
                return $"{Root}01/{Gtin(parts[0], parts[1])}/235/{Escape(string.Join('.', parts[2..]))}";
            case "pgln" when parts.Length == 2 && Prefix(parts[0]) && Digits(parts[1], 12 - parts[0].Length):
                return Root + "417/" + WithCheck(parts[0] + parts[1]);
            default:
                return null;
        }
    }

    private static string? FromClass(string rest)
    {
        var parts = rest.Split('.');
        return parts.Length == 3 && Prefix(parts[0]) && Digits(parts[1], 13 - parts[0].Length) && Value(parts[2], 20)
            ? $"{Root}01/{Gtin(parts[0], parts[1])}/10/{Escape(parts[2])}"
            : null;
    }

    private static string? FromPattern(string rest)
    {
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0) return null;
        var scheme = rest[..colon];
        var parts = rest[(colon + 1)..].Split('.');
        if (parts.Length < 2 || parts[^1] != "*" || !Prefix(parts[0])) return null;
        return scheme switch
        {
            "sgtin" or "upui" when parts.Length == 3 && Digits(parts[1], 13 - parts[0].Length) => $"{Root}01/{Gtin(parts[0], parts[1])}",
            "grai" when parts.Length == 3 && Digits(parts[1], 12 - parts[0].Length) => Root + "8003/" + WithCheck("0" + parts[0] + parts[1]),
            "gdti" when parts.Length == 3 && Digits(parts[1], 12 - parts[0].Length) => Root + "253/" + WithCheck(parts[0] + parts[1]),
            "sgcn" when parts.Length == 3 && Digits(parts[1], 12 - parts[0].Length) => Root + "255/" + WithCheck(parts[0] + parts[1]),
            "cpi" when parts.Length == 3 && parts[1].Length > 0 => $"{Root}8010/{Escape(parts[0] + parts[1])}",
            "itip" when parts.Length == 5 && Digits(parts[1], 13 - parts[0].Length) && Digits(parts[2], 2) && Digits(parts[3], 2) => $"{Root}8006/{Gtin(parts[0], parts[1])}{parts[2]}{parts[3]}",
            _ => null,
        };
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
            "253" => value.Length >= 13 && Digits(value[..13]) && Safe(value[13..], 17) && q is null,
            "255" => value.Length >= 13 && Digits(value) && value.Length <= 25 && q is null,
            "401" => Safe(value, 30) && q is null,
            "402" => Digits(value, 17) && q is null,
            "414" => Digits(value, 13) && (q is null || (q == "254" && Safe(qv, 20))),
            "417" => Digits(value, 13) && q is null,
            "8003" => value.Length >= 14 && Digits(value[..14]) && Safe(value[14..], 16) && q is null,
            "8004" => Safe(value, 30) && q is null,
            "8006" => Digits(value, 18) && (q is null || (q is "21" or "10" && Safe(qv, 20))),
            "8010" => value.Length <= 30 && value.All(c => c is '#' or '-' or '/' || char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c)) && (q is null || (q == "8011" && Digits(qv) && qv.Length <= 12)),
            "8017" or "8018" => Digits(value, 18) && q is null,
            _ => false,
        };
    }

    // Characters a canonical value may hold unescaped (a subset of GS1's character set 82).
    private static bool Safe(string s, int max) =>
        s.Length <= max && s.All(c => c is '"' or '\'' or '-' or '.' or ';' or '<' or '=' or '>' or '?' or '_' || char.IsAsciiLetterOrDigit(c));

    private static bool Prefix(string companyPrefix) => companyPrefix.Length is >= 6 and <= 12 && Digits(companyPrefix);

    private static bool Digits(string s) => s.Length > 0 && s.All(char.IsAsciiDigit);

    private static bool Digits(string s, int length) => s.Length == length && s.All(char.IsAsciiDigit);

    // An EPC URI serial: GS1 character set 82, with the URI's own %-escapes (TDS 2.0 table A-1).
    private static bool Value(string s, int max)
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

    private static string Gtin(string companyPrefix, string itemReference) => WithCheck(itemReference[0] + companyPrefix + itemReference[1..]);

    private static string WithCheck(string digits) => digits + CheckDigit(digits);

    // Characters a Digital Link path segment must percent-encode (GS1 Digital Link 1.2 table 7-1) that an EPC URI
    // leaves as they are; the EPC URI's own %-escapes are kept.
    private static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '!' or '(' or ')' or '*' or '+' or ',' or ':') builder.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            else builder.Append(c);
        }

        return builder.ToString();
    }
}
