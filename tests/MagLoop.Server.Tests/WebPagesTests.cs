using System.Net;
using MagLoop.Traceability;
using MagLoop.Traceability.Storage;

namespace MagLoop.Server.Tests;

/// <summary>The web pages' HTML without a browser: sign-in and its cookie, encoding, what each key sees.</summary>
public sealed class WebPagesTests(PagesStore store) : IClassFixture<PagesStore>
{
    private static string Esc(string text) => Uri.EscapeDataString(text);

    private async Task<(HttpStatusCode Status, string Html)> Get(string? caller, string url)
    {
        using var client = store.Browser(caller);
        var response = await client.GetAsync(url);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static FormUrlEncodedContent Form(params (string, string)[] fields) => new(fields.Select(f => KeyValuePair.Create(f.Item1, f.Item2)));

    [Fact]
    public async Task A_page_without_a_key_redirects_to_sign_in_and_the_API_still_answers_401()
    {
        using var client = store.Browser(null);
        var page = await client.GetAsync("/ui/lots?lot=070001");
        Assert.Equal(HttpStatusCode.SeeOther, page.StatusCode);
        Assert.Equal("/ui/signin?return=" + Esc("/ui/lots?lot=070001"), page.Headers.Location!.ToString());
        await Http.Problem(await client.GetAsync("/events"), 401, "epcisException:SecurityException");
        var form = await client.GetAsync("/ui/signin");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("<label for=\"key\">API key</label>", await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_sets_an_HttpOnly_SameSite_Strict_cookie_and_returns_to_the_page_asked_for()
    {
        using var client = store.Browser(null);
        var request = new HttpRequestMessage(HttpMethod.Post, "/ui/signin") { Content = Form(("key", store.Keys["auditor"]), ("return", "/ui/lots?lot=1")) };
        request.Headers.Add("Origin", "http://localhost");
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/ui/lots?lot=1", response.Headers.Location!.ToString());
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("magloop_key=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        // Plain HTTP here: Secure only on HTTPS (a Secure cookie would not come back over http://localhost).
        Assert.DoesNotContain("secure", cookie.Replace("samesite", "", StringComparison.OrdinalIgnoreCase), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("https://evil.example", "auditor")]
    [InlineData(null, "auditor")]
    public async Task Sign_in_from_another_origin_or_without_one_is_refused(string? origin, string caller)
    {
        using var client = store.Browser(null);
        var request = new HttpRequestMessage(HttpMethod.Post, "/ui/signin") { Content = Form(("key", store.Keys[caller])) };
        if (origin is not null) request.Headers.Add("Origin", origin);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Theory]
    [InlineData("mlk_nobody_0000", "This key is not known.")]
    [InlineData("", "This key is not known.")]
    public async Task Sign_in_with_a_bad_key_answers_401_with_the_reason(string key, string reason)
    {
        using var client = store.Browser(null);
        var request = new HttpRequestMessage(HttpMethod.Post, "/ui/signin") { Content = Form(("key", key)) };
        request.Headers.Add("Origin", "http://localhost");
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/ui/signin?return=https://evil.example/")]
    [InlineData("/ui/signin?return=//evil.example/ui")]
    public async Task The_return_path_never_leaves_the_pages(string url)
    {
        var (_, html) = await Get(null, url);
        Assert.Contains("name=\"return\" value=\"/ui\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_out_needs_the_same_origin_and_deletes_the_cookie()
    {
        using var client = store.Browser("auditor");
        var forged = await client.PostAsync("/ui/signout", Form());
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        var request = new HttpRequestMessage(HttpMethod.Post, "/ui/signout") { Content = Form() };
        request.Headers.Add("Origin", "http://localhost");
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("magloop_key=;", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_cookie_does_not_authorise_an_API_write()
    {
        using var client = store.Browser("admin");
        var response = await client.PostAsync("/capture", Http.Body("{}"));
        await Http.Problem(response, 401, "epcisException:SecurityException");
    }

    [Fact]
    public async Task A_lot_id_with_markup_is_shown_as_text_on_every_page()
    {
        var lot = Esc(PagesStore.MarkupLot);
        foreach (var url in new[] { $"/ui/lots/{lot}", $"/ui/lots/{lot}/genealogy", $"/ui/recall?lot={lot}", "/ui/lots?lot=099999", "/ui/lots?lot=%3Cscript%3E", "/ui/lots/%3Cscript%3E" })
        {
            var (status, html) = await Get("admin", url);
            Assert.True(status is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{url}: {status}");
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Pages_carry_a_policy_that_allows_no_script()
    {
        using var client = store.Browser("admin");
        var response = await client.GetAsync("/ui");
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.StartsWith("default-src 'none'; style-src 'sha256-", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", policy, StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task An_operator_sees_the_lots_of_its_site_only()
    {
        var spokeScrap = LotIds.Lgtin("0860000", "010001", "EOL-20260302");
        var hubMagnets = LotIds.Lgtin("0860000", "070001", "20260302");
        var hubSwarf = LotIds.Lgtin("0860000", "010001", "SWARF-20260302");

        var (_, hubSearch) = await Get("operator", "/ui/lots");
        Assert.Contains(Html(hubMagnets), hubSearch, StringComparison.Ordinal);
        Assert.Contains(Html(hubSwarf), hubSearch, StringComparison.Ordinal);
        // The spoke's concentrate came to the hub (received there); the scrap it was made from never did.
        Assert.Contains("010002.EOL-20260302", hubSearch, StringComparison.Ordinal);
        Assert.DoesNotContain("010001.EOL", hubSearch, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await Get("operator", $"/ui/lots/{Esc(spokeScrap)}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Get("operator", $"/ui/recall?lot={Esc(spokeScrap)}")).Status);

        var (_, spokeSearch) = await Get("operator-spoke", "/ui/lots");
        Assert.Contains(Html(spokeScrap), spokeSearch, StringComparison.Ordinal);
        Assert.DoesNotContain("070001", spokeSearch, StringComparison.Ordinal);
        Assert.DoesNotContain("SWARF", spokeSearch, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await Get("operator-spoke", $"/ui/lots/{Esc(hubMagnets)}")).Status);

        // The hub's genealogy of a magnet lot draws the spoke's scrap as a lot of another site: no id, no origin.
        var (_, genealogy) = await Get("operator", $"/ui/lots/{Esc(hubMagnets)}/genealogy");
        Assert.Contains("a lot at another site", genealogy, StringComparison.Ordinal);
        Assert.DoesNotContain("010001.EOL", genealogy, StringComparison.Ordinal);
        var (_, all) = await Get("auditor", $"/ui/lots/{Esc(hubMagnets)}/genealogy");
        Assert.Contains("010001.EOL-20260302", all, StringComparison.Ordinal);
        Assert.DoesNotContain("a lot at another site</title>", all, StringComparison.Ordinal);

        // Dashboards: the spoke operator's shows no shipped lot, the hub's does.
        var (_, spokeDashboard) = await Get("operator-spoke", "/ui");
        Assert.Contains("Verdicts of the 0 shipped lots", spokeDashboard, StringComparison.Ordinal);
        var (_, hubDashboard) = await Get("operator", "/ui");
        Assert.Contains("Verdicts of the 3 shipped lots", hubDashboard, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("quality")]
    [InlineData("auditor")]
    [InlineData("admin")]
    public async Task Quality_auditor_and_admin_see_every_site(string caller)
    {
        var (_, html) = await Get(caller, "/ui/lots?lot=20260302");
        Assert.Contains("010001.EOL-20260302", html, StringComparison.Ordinal);
        Assert.Contains("070001.20260302", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_lot_page_shows_the_mass_balance_of_every_transformation_behind_the_lot()
    {
        var magnets = LotIds.Lgtin("0860000", "070001", "20260302");
        var (status, html) = await Get("auditor", $"/ui/lots/{Esc(magnets)}");
        Assert.Equal(HttpStatusCode.OK, status);
        using var db = store.Host.Database.CreateContext(readOnly: true);
        var graph = new StoreGraph(db);
        var ancestors = Traceability.Genealogy.Ancestors(graph, magnets);
        var transformations = db.Events.Where(e => e.Kind == "TransformationEvent").Select(e => e.Seq).ToHashSet();
        var expected = ancestors.Lots.Values.Select(l => l.CreatedSeq).Where(transformations.Contains).Distinct().Count();
        var table = html[html.IndexOf("id=\"mass-balance\"", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("</table>", StringComparison.Ordinal)];
        Assert.Equal(expected, table.Split("<tr>").Length - 2);
        Assert.Contains("/passports/" + Esc(magnets), html, StringComparison.Ordinal);
        // Recycled content as the lot API computes it.
        var content = RecycledContentQuery.Of(graph, magnets);
        Assert.Contains($"<td class=\"n\">{Pages.Html.Pct(content.RecycledShare)}</td></tr></tbody>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_finds_lots_by_customer_order_epcClass_and_time()
    {
        var (_, byOrder) = await Get("auditor", "/ui/lots?order=PO-4711");
        Assert.Contains("<p id=\"result-count\">1 lots.</p>", byOrder[byOrder.IndexOf("<main>", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.Contains(Html(PagesStore.MarkupLot), byOrder, StringComparison.Ordinal);

        var (_, byClass) = await Get("auditor", "/ui/lots?epcClass=" + Esc("urn:epc:class:lgtin:0860000.070001.*"));
        Assert.Contains("<p id=\"result-count\">3 lots.</p>", byClass, StringComparison.Ordinal);
        var (_, exact) = await Get("auditor", "/ui/lots?epcClass=" + Esc(LotIds.Lgtin("0860000", "070001", "20260303")));
        Assert.Contains("<p id=\"result-count\">1 lots.</p>", exact, StringComparison.Ordinal);

        // The demo's days start 2 March 2026; the markup lot was received on 6 March at 06:00 UTC, the only lot created in that minute.
        var (_, window) = await Get("auditor", "/ui/lots?from=2026-03-06T06:00&to=2026-03-06T06:01");
        Assert.True(window.Contains("<p id=\"result-count\">1 lots.</p>", StringComparison.Ordinal), window[window.IndexOf("result-count", StringComparison.Ordinal)..][..600]);
        var (status, _) = await Get("auditor", "/ui/lots?from=2026-03-07&to=2026-03-06");
        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task Over_HTTPS_the_cookie_is_also_Secure()
    {
        using var client = store.Host.Server().CreateClient();
        client.BaseAddress = new Uri("https://localhost/");
        var request = new HttpRequestMessage(HttpMethod.Post, "/ui/signin") { Content = Form(("key", store.Keys["quality"])) };
        request.Headers.Add("Origin", "https://localhost");
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("; secure", Assert.Single(response.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_revoked_key_signs_the_browser_out_at_the_next_page()
    {
        string key;
        using (var db = TraceStore.Open(store.Host.Database))
        {
            var created = ApiKeys.Create(db.Context, ApiRole.Auditor, PagesStore.HubSite, null, TimeProvider.System);
            key = created.Key;
            using var client = store.Host.Server().CreateClient();
            client.DefaultRequestHeaders.Add("Cookie", $"magloop_key={key}");
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/ui")).StatusCode);
            ApiKeys.Revoke(db.Context, created.Info.Id, TimeProvider.System);
            var after = await client.GetAsync("/ui");
            Assert.Equal(HttpStatusCode.SeeOther, after.StatusCode);
            Assert.Contains(after.Headers.GetValues("Set-Cookie"), c => c.StartsWith("magloop_key=;", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_bad_search_time_is_a_400_page_naming_the_field()
    {
        var (status, html) = await Get("auditor", "/ui/lots?from=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("from: &#x27;yesterday&#x27; is not a time", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("urn:epc:class:lgtin:0860000.070001.20260302", "0860000.070001")]
    [InlineData("urn:epc:class:lgtin:0860000.070001.A.B", "0860000.070001")]
    [InlineData("urn:epc:id:sscc:0860000.0000000001", "urn:epc:id:sscc:0860000.0000000001")]
    public void The_dashboard_groups_a_lot_by_the_product_of_its_LGTIN(string lot, string product) =>
        Assert.Equal(product, Pages.LotPages.ProductOf(lot));

    [Fact]
    public async Task The_dashboard_counts_the_lots_in_process_by_product_and_site()
    {
        var (_, html) = await Get("auditor", "/ui");
        var table = html[html.IndexOf("id=\"in-process-table\"", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("</table>", StringComparison.Ordinal)];
        // HPMS residue (020002) is never consumed: it stays in process, at the hub.
        Assert.Contains("0860000.020002", table, StringComparison.Ordinal);
        Assert.Contains(PagesStore.SpokeSite, table, StringComparison.Ordinal);
        Assert.Contains(PagesStore.HubSite, table, StringComparison.Ordinal);
        Assert.DoesNotContain("0860000.070001", table, StringComparison.Ordinal); // shipped, counted below
    }

    private static string Html(string text) => System.Text.Encodings.Web.HtmlEncoder.Default.Encode(text);
}
