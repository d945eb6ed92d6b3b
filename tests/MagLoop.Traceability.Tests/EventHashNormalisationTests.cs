using System.Text.Json;
using MagLoop.Traceability.Epcis;

namespace MagLoop.Traceability.Tests;

/// <summary>
/// Normalisation branches of the event hash that the reference vectors do not reach (date-times with offsets, commas,
/// lower-case separators or invalid dates; numbers written as text; every EPC scheme and pattern), each against the
/// pre-hash the implementation gave before it was rewritten to write the pre-hash in one pass.
/// </summary>
public sealed class EventHashNormalisationTests
{
    private static string PreHash(string eventTime, string? value)
    {
        var json = $$"""{"type":"ObjectEvent","eventTime":{{JsonSerializer.Serialize(eventTime)}},"action":"OBSERVE"{{(value is null ? "" : ",\"ex:v\":" + value)}}}""";
        using var e = JsonDocument.Parse(json);
        using var context = JsonDocument.Parse("""[{"ex":"https://ex.example/"}]""");
        return EventHash.PreHash(e.RootElement, context.RootElement);
    }

    private const string Head = "eventType=ObjectEventeventTime=2026-01-05T12:00:00.000Zaction=OBSERVE{https://ex.example/}v=";

    /// <summary>A date-time in UTC at millisecond precision (microseconds rounded half to even); text that is no valid date-time as it is.</summary>
    [Theory]
    [InlineData("2026-01-05T06:00:00-06:00", "2026-01-05T12:00:00.000Z")]
    [InlineData("2026-01-05T06:00:00.1234565+05:30", "2026-01-05T00:30:00.123Z")]
    [InlineData("2026-01-05t06:00:00,0005z", "2026-01-05T06:00:00.000Z")]
    [InlineData("2026-01-05 06:00Z", "2026-01-05T06:00:00.000Z")]
    [InlineData("2026-01-05T06:00:00.9995+0100", "2026-01-05T05:00:01.000Z")]
    [InlineData("2026-01-05T06:00:00.0015-01", "2026-01-05T07:00:00.002Z")]
    [InlineData("2026-01-05T06:00:00.0025", "2026-01-05T06:00:00.002Z")]
    [InlineData("2026-02-30T06:00:00Z", "2026-02-30T06:00:00Z")]
    [InlineData("2026-01-05T06:00:00 +01:00", "2026-01-05T05:00:00.000Z")]
    [InlineData("2026-01-05T06:00:00.Z", "2026-01-05T06:00:00.Z")]
    [InlineData("2026-01-05T06:00:00+01:3", "2026-01-05T06:00:00+01:3")]
    [InlineData("2026-01-05T06:00:00+15:00", "2026-01-05T06:00:00+15:00")]
    [InlineData("9999-12-31T23:59:59.999Z", "9999-12-31T23:59:59.999Z")]
    [InlineData("0000-01-01T00:00:00.000Z", "0000-01-01T00:00:00.000Z")]
    [InlineData("2026-01-05T06:00:00.123Z", "2026-01-05T06:00:00.123Z")]
    [InlineData("2026-01-05T24:00:00.000Z", "2026-01-05T24:00:00.000Z")]
    public void A_time_is_normalised_as_before(string eventTime, string expected) =>
        Assert.Equal($"eventType=ObjectEventeventTime={expected}action=OBSERVE", PreHash(eventTime, null));

    /// <summary>A string value: numbers without trailing zeros, EPCs and Digital Links to canonical Digital Links, CBV URNs to web URIs.</summary>
    [Theory]
    [InlineData("12.50", "12.5")]
    [InlineData("0012", "12")]
    [InlineData("0", "0")]
    [InlineData("1_000", "1000")]
    [InlineData("1e400", "1e400")]
    [InlineData("-0", "0")]
    [InlineData("123456789012345678", "123456789012345680")]
    [InlineData("0.0001", "0.0001")]
    [InlineData("1e-5", "1e-05")]
    [InlineData("2.5E+20", "250000000000000000000")]
    [InlineData("1E+15", "1000000000000000")]
    [InlineData("100", "100")]
    [InlineData("urn:epc:id:sgtin:0614141.107346.2017", "https://id.gs1.org/01/10614141073464/21/2017")]
    [InlineData("urn:epc:id:sgln:0614141.07346.0", "https://id.gs1.org/414/0614141073467")]
    [InlineData("urn:epc:id:sgln:0614141.07346.12!3", "https://id.gs1.org/414/0614141073467/254/12%213")]
    [InlineData("urn:epc:id:sscc:0614141.1234567890", "https://id.gs1.org/00/106141412345678908")]
    [InlineData("urn:epc:id:grai:0614141.12345.400", "https://id.gs1.org/8003/00614141123452400")]
    [InlineData("urn:epc:id:giai:0614141.12.34(5)", "https://id.gs1.org/8004/061414112.34%285%29")]
    [InlineData("urn:epc:id:gdti:0614141.12345.006847.x", "https://id.gs1.org/253/0614141123452006847.x")]
    [InlineData("urn:epc:id:cpi:0614141.5PQ7-Z43.12345", "https://id.gs1.org/8010/06141415PQ7-Z43/8011/12345")]
    [InlineData("urn:epc:id:sgcn:4012345.67890.04711", "https://id.gs1.org/255/401234567890104711")]
    [InlineData("urn:epc:id:itip:4012345.012345.01.02.987", "https://id.gs1.org/8006/040123451234560102/21/987")]
    [InlineData("urn:epc:id:upui:1234567.089456.51qIgY)%3D", "https://id.gs1.org/01/01234567894560/235/51qIgY%29%3D")]
    [InlineData("urn:epc:id:pgln:1234567.89012", "https://id.gs1.org/417/1234567890128")]
    [InlineData("urn:epc:id:gsrn:4012345.0123456789", "https://id.gs1.org/8018/401234501234567890")]
    [InlineData("urn:epc:id:gsrnp:4012345.0123456789", "https://id.gs1.org/8017/401234501234567890")]
    [InlineData("urn:epc:id:ginc:0614141.xyz3311cba", "https://id.gs1.org/401/0614141xyz3311cba")]
    [InlineData("urn:epc:id:gsin:0614141.123456789", "https://id.gs1.org/402/06141411234567890")]
    [InlineData("urn:epc:id:sgtin:0614141.107346.toolong-serial-123456789", "urn:epc:id:sgtin:0614141.107346.toolong-serial-123456789")]
    [InlineData("urn:epc:class:lgtin:4012345.012345.998877", "https://id.gs1.org/01/04012345123456/10/998877")]
    [InlineData("urn:epc:idpat:sgtin:4012345.012345.*", "https://id.gs1.org/01/04012345123456")]
    [InlineData("urn:epc:idpat:grai:4012345.12345.*", "https://id.gs1.org/8003/04012345123456")]
    [InlineData("urn:epc:idpat:itip:4012345.012345.01.02.*", "https://id.gs1.org/8006/040123451234560102")]
    [InlineData("urn:epc:idpat:cpi:0614141.123ABC.*", "https://id.gs1.org/8010/0614141123ABC")]
    [InlineData("https://example.com/01/9520123456788/21/12345?x=1", "https://id.gs1.org/01/09520123456788/21/12345")]
    [InlineData("https://id.gs1.org/gtin/614141123452/lot/A1/ser/7", "https://id.gs1.org/gtin/614141123452/lot/A1/ser/7")]
    [InlineData("https://ref.gs1.org/cbv/BizStep-shipping", "https://ref.gs1.org/cbv/BizStep-shipping")]
    [InlineData("urn:epcglobal:cbv:bizstep:receiving", "https://ref.gs1.org/cbv/BizStep-receiving")]
    public void A_string_value_is_normalised_as_before(string value, string expected) =>
        Assert.Equal(Head + expected, PreHash("2026-01-05T12:00:00.000Z", JsonSerializer.Serialize(value)));

    /// <summary>A JSON number: an integer of any size, otherwise Python's shortest round-trip layout.</summary>
    [Theory]
    [InlineData("100", "100")]
    [InlineData("-0", "0")]
    [InlineData("12.50", "12.5")]
    [InlineData("1.5e300", "1500000000000000078757140382806630373056702871662238732373781173267703686983362293679557062620671796065556665749325817265413784853040645863467188277180060474272580801389863705606745350692182135089053429852456199917621678558451461320111979114170213741868888183230085264257173504208294580298189100810240")]
    [InlineData("123456789012345678901234567890", "123456789012345677877719597056")]
    [InlineData("0.1", "0.1")]
    [InlineData("1e-7", "1e-07")]
    [InlineData("2.5E+20", "250000000000000000000")]
    [InlineData("1e15", "1000000000000000")]
    [InlineData("1e16", "10000000000000000")]
    [InlineData("-3.25", "-3.25")]
    public void A_number_is_normalised_as_before(string number, string expected) =>
        Assert.Equal(Head + expected, PreHash("2026-01-05T12:00:00.000Z", number));
}
