using System.Text;
using System.Text.RegularExpressions;
using MagLoop.Traceability;
using MagLoop.Traceability.Demo;
using Microsoft.Playwright;
using SkiaSharp;
using ZXing;
using ZXing.Common;

namespace MagLoop.Server.Tests;

/// <summary>
/// The printable passport in headless Chromium: it prints on one A4 page at the public tier, reads at phone width,
/// runs no script, and its QR code (and the one at /passports/{lot}/qr.svg) decodes to the lot's Digital Link URI.
/// Screenshots and PDFs are kept under the test output's passport-artefacts.
/// </summary>
public sealed class PassportBrowserTests
{
    private static readonly string Artefacts = Path.Combine(AppContext.BaseDirectory, "passport-artefacts");

    private static async Task<string> Html(HttpClient client, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        var response = await client.SendAsync(request);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    private static int Pages(byte[] pdf) => Regex.Matches(Encoding.Latin1.GetString(pdf), @"/Type\s*/Page\b").Count;

    /// <summary>Decodes the QR code in a PNG (ZXing over the pixels SkiaSharp reads).</summary>
    private static string? Decode(byte[] png)
    {
        using var decoded = SKBitmap.Decode(png);
        using var bitmap = decoded.Copy(SKColorType.Bgra8888);
        var source = new RGBLuminanceSource(bitmap.Bytes, bitmap.Width, bitmap.Height, RGBLuminanceSource.BitmapFormat.BGRA32);
        var reader = new BarcodeReaderGeneric { Options = new DecodingOptions { PossibleFormats = [BarcodeFormat.QR_CODE], TryHarder = true } };
        return reader.Decode(source)?.Text;
    }

    [ChromiumFact]
    public async Task The_printed_passport_fits_A4_reads_at_phone_width_and_its_QR_code_decodes_to_the_Digital_Link()
    {
        Directory.CreateDirectory(Artefacts);
        await using var host = await PassportTests.Demo(Host.Sqlite);
        var magnets = LotIds.Lgtin(DemoGenerator.CompanyPrefix, "070001", "20260106");
        var url = PassportTests.PassportUrl(magnets);
        var json = await PassportTests.Get(host.Client(null), url);
        var digitalLink = json["digitalLink"]!.GetValue<string>();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium.Path, Headless = true });
        var pageCounts = new List<string>();
        foreach (var role in new string?[] { null, "operator", "auditor" })
        {
            var name = role ?? "public";
            var html = await Html(host.Client(role), url);
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false, ViewportSize = new ViewportSize { Width = 794, Height = 1123 } });
            var page = await context.NewPageAsync();
            var requests = new List<string>();
            page.Request += (_, r) => requests.Add(r.Url);
            await page.SetContentAsync(html);
            Assert.Empty(requests);

            var qr = await page.Locator("#qr svg").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(Artefacts, $"{name}-qr.png") });
            Assert.Equal(digitalLink, Decode(qr));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artefacts, $"{name}.png"), FullPage = true });
            var pdf = await page.PdfAsync(new PagePdfOptions { Path = Path.Combine(Artefacts, $"{name}.pdf"), Format = "A4" });
            var pages = Pages(pdf);
            pageCounts.Add($"{name}: {pages}");
            if (role is null) Assert.Equal(1, pages);

            // Phone width: nothing wider than the screen.
            await page.SetViewportSizeAsync(375, 812);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artefacts, $"{name}-phone.png"), FullPage = true });
            var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            Assert.True(width <= 375, $"{name}: the page is {width} px wide at a 375 px screen");
            await context.CloseAsync();
        }

        File.WriteAllText(Path.Combine(Artefacts, "pages.txt"), string.Join(Environment.NewLine, pageCounts));

        // The QR code route, rasterised by Chromium.
        var svg = await host.Client(null).GetAsync(url + "/qr.svg");
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType!.MediaType);
        var alone = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 400, Height = 400 } });
        await alone.SetContentAsync($"<!DOCTYPE html><html><body style=\"margin:0\"><div id=\"q\" style=\"width:300px\">{await svg.Content.ReadAsStringAsync()}</div></body></html>");
        Assert.Equal(digitalLink, Decode(await alone.Locator("#q svg").ScreenshotAsync()));
    }
}
