using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using MagLoop.Traceability;
using Microsoft.Playwright;

namespace MagLoop.Server.Tests;

/// <summary>
/// The demo store served by Kestrel on a free local port (a browser needs a real socket), and headless Chromium
/// (Debian's, at MAGLOOP_CHROMIUM). Started only when Chromium is there.
/// </summary>
public sealed class BrowserPages : IAsyncLifetime
{
    private IPlaywright? _playwright;

    // One server per SQLite file: the browser's server is the store's own, on a real port.
    public PagesStore Store { get; } = new(kestrel: true);

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (Chromium.Path is null) return;
        await Store.InitializeAsync();
        BaseUrl = Store.Host.Url.ToString().TrimEnd('/');
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium.Path, Headless = true });
    }

    public async Task DisposeAsync()
    {
        if (_playwright is null) return;
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await Store.DisposeAsync();
    }
}

/// <summary>
/// The pages in a real browser: each role's click path from sign-in through search, lot, genealogy and recall to a passport, with an
/// accessibility check (axe-core, WCAG 2.1 A and AA) and a screenshot of every page (kept under the test output's
/// TestResults/screenshots); every page at phone width without sideways scrolling; an operator never shown the other
/// site's lots.
/// </summary>
public sealed class WebPagesBrowserTests(BrowserPages pages) : IClassFixture<BrowserPages>
{
    private static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    /// <summary>The spoke's own scrap lots: the hub operator must never see one of their ids.</summary>
    private const string SpokeOnly = "010001.EOL";

    // A click that navigates waits for that navigation, registered before the click, to reach the URL and be parsed
    // (DOMContentLoaded): a wait started after the click raced it, and returned at once where the page clicked from
    // matched too (30 s timeouts in CI after signing in, a search, signing out and a recall). The pages are
    // server-rendered HTML with inline styles and no external resources, and every check reads the DOM.
    private static readonly PageGotoOptions Parsed = new() { WaitUntil = WaitUntilState.DOMContentLoaded };

    // Each pattern differs from the URL its click starts from, so the wait cannot be met by the page clicked on.
    private static async Task Follow(IPage page, ILocator link, string url)
    {
        var reached = Reached(page, url);
        await link.ClickAsync();
        await reached;
    }

    private static Task Reached(IPage page, string url) => page.WaitForURLAsync(url, new PageWaitForURLOptions { WaitUntil = WaitUntilState.DOMContentLoaded });

    private async Task<IPage> SignedIn(string caller, int widthPx, int heightPx)
    {
        var context = await pages.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = widthPx, Height = heightPx }, BaseURL = pages.BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/ui", Parsed);
        Assert.EndsWith("/ui/signin?return=%2Fui", page.Url, StringComparison.Ordinal);
        await page.GetByLabel("API key").FillAsync(pages.Store.Keys[caller]);
        await Follow(page, page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in" }), "**/ui");
        return page;
    }

    /// <summary>axe-core's WCAG 2.1 A and AA rules find nothing; a screenshot is kept either way.</summary>
    private static async Task Check(IPage page, string caller, string name, bool mayShowSpoke = true)
    {
        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, $"{caller}-{name}.png"), FullPage = true });
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        Assert.True(result.Violations.Length == 0, $"{caller} {name} ({page.Url}): " + string.Join("; ", result.Violations.Select(v =>
            $"{v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Html))}")));
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal(1, await page.Locator("h1").CountAsync());
        if (!mayShowSpoke) Assert.DoesNotContain(SpokeOnly, await page.ContentAsync(), StringComparison.Ordinal);
    }

    [ChromiumTheory]
    [MemberData(nameof(PagesStore.Roles), MemberType = typeof(PagesStore))]
    public async Task Each_role_signs_in_and_clicks_through_search_lot_genealogy_and_recall_to_the_passport(string caller)
    {
        var spoke = caller != "operator";
        var page = await SignedIn(caller, 1280, 900);
        await Check(page, caller, "1-dashboard", spoke);
        Assert.True(await page.Locator("#glance-table tbody tr").CountAsync() == 4);

        await Follow(page, page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Lots", Exact = true }), "**/ui/lots");
        await page.GetByLabel("Lot id contains").FillAsync("070001");
        await Follow(page, page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Search" }), "**/ui/lots?**");
        Assert.Equal(3, await page.Locator("#results tbody tr").CountAsync()); // the magnet lots of the three days
        await Check(page, caller, "2-search", spoke);

        await Follow(page, page.Locator("#results tbody tr a.id").First, "**/ui/lots/**");
        Assert.StartsWith("Lot ", await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await page.Locator("#mass-balance tbody tr").CountAsync() >= 5);
        await Check(page, caller, "3-lot", spoke);

        await Follow(page, page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Genealogy", Exact = true }), "**/genealogy");
        Assert.True(await page.Locator("figure[data-graph='backward'] g.lot").CountAsync() > 5);
        Assert.True(await page.Locator("figure[data-graph='backward'] g.edge text").CountAsync() > 5);
        await Check(page, caller, "4-genealogy", spoke);
        // The picture in README (docs/images/web-genealogy.png) is this one, the window only.
        if (caller == "auditor") await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "readme-genealogy.png") });

        // A source the key may see (the hub operator's are the hub's own swarf and fresh NdPr), then recall from it.
        await Follow(page, page.Locator("#backward-table tbody tr:has(td:text-is('source')) a").First, "**/ui/lots/*");
        await Follow(page, page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Recall from this lot" }), "**/ui/recall?**");
        Assert.True(await page.Locator("#recall-lots tbody tr").CountAsync() > 1);
        Assert.True(await page.Locator("#recall-shipments a[href^='/passports/']").CountAsync() >= 1);
        await Check(page, caller, "5-recall", spoke);

        // On to the passport of a shipment holding that source: the sign-in cookie sets its tier. A passport is the
        // customer's document of the whole lot, so it is not cut to the operator's site (its tiers decide).
        await Follow(page, page.Locator("#recall-shipments a[href^='/passports/']").First, "**/passports/**");
        Assert.Equal("Magnet passport", await page.Locator("h1").InnerTextAsync());
        Assert.Equal(caller is "auditor" or "admin" ? "authority" : "recycler", await page.Locator("[data-field='tier']").InnerTextAsync());
        await Check(page, caller, "5b-passport");
        await page.GoBackAsync(new PageGoBackOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        await Reached(page, "**/ui/recall?**");

        await Follow(page, page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Compliance", Exact = true }), "**/ui/compliance**");
        Assert.True(await page.Locator("#compliance-table tbody tr").CountAsync() >= 3);
        await Check(page, caller, "6-compliance", spoke);
        await Follow(page, page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Ledger", Exact = true }), "**/ui/ledger");
        Assert.Contains("intact", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await Check(page, caller, "7-ledger", spoke);

        await Follow(page, page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign out" }), "**/ui/signin");
        await Check(page, caller, "8-signed-out");
        await page.GotoAsync("/ui/lots", Parsed);
        Assert.Contains("/ui/signin", page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [ChromiumTheory]
    [MemberData(nameof(PagesStore.Roles), MemberType = typeof(PagesStore))]
    public async Task Every_page_fits_a_phone_without_sideways_scrolling(string caller)
    {
        var page = await SignedIn(caller, 375, 740);
        var lot = Uri.EscapeDataString(LotIds.Lgtin("0860000", "070001", "20260303"));
        var source = Uri.EscapeDataString(LotIds.Lgtin("0860000", "030001", "NDPR-20260302"));
        var urls = new[] { "/ui", "/ui/lots", $"/ui/lots/{lot}", $"/ui/lots/{lot}/genealogy", $"/ui/recall?lot={source}", "/ui/compliance?rule=dfars-2027", "/ui/ledger" };
        string[] names = ["dashboard", "search", "lot", "genealogy", "recall", "compliance", "ledger"];
        for (var i = 0; i < urls.Length; i++)
        {
            var url = urls[i];
            var response = await page.GotoAsync(url, Parsed);
            Assert.Equal(200, response!.Status);
            var (scrollPx, viewPx) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("document.documentElement.clientWidth"));
            Assert.True(scrollPx <= viewPx, $"{caller} {url}: {scrollPx} px wide in a {viewPx} px viewport");
            await Check(page, caller, $"phone-{i + 1}-{names[i]}");
        }

        await page.Context.CloseAsync();
    }

    [ChromiumTheory]
    [InlineData("operator")]
    [InlineData("operator-spoke")]
    public async Task An_operator_is_never_shown_the_other_sites_lots(string caller)
    {
        var page = await SignedIn(caller, 1280, 900);
        var (mine, theirs) = caller == "operator" ? ("070001", SpokeOnly) : (SpokeOnly, "070001");
        await page.GotoAsync("/ui/lots", Parsed);
        var all = await page.ContentAsync();
        Assert.Contains(mine, all, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs, all, StringComparison.Ordinal);
        var other = caller == "operator" ? LotIds.Lgtin("0860000", "010001", "EOL-20260302") : LotIds.Lgtin("0860000", "070001", "20260302");
        var response = await page.GotoAsync($"/ui/lots/{Uri.EscapeDataString(other)}", Parsed);
        Assert.Equal(404, response!.Status);
        // The answer names only the id the caller typed, as for a lot that does not exist.
        await Check(page, caller, "not-found");
        Assert.Equal("Lot not found", await page.Locator("h1").InnerTextAsync());
        response = await page.GotoAsync($"/ui/lots/{Uri.EscapeDataString(other)}/genealogy", Parsed);
        Assert.Equal(404, response!.Status);
        await page.GotoAsync("/ui", Parsed);
        Assert.DoesNotContain(theirs, await page.ContentAsync(), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }
}
