using System.Collections.Immutable;
using MagLoop.Traceability.Storage;
using Microsoft.AspNetCore.Http;

namespace MagLoop.Server.Pages;

/// <summary>One page request: the caller's key, a read-only store context, and the lots as the index knows them.</summary>
internal sealed class PageContext : IDisposable
{
    private ImmutableDictionary<string, LotFacts>? _facts;

    public PageContext(HttpContext http, ServerState state, LotIndex index)
    {
        Http = http;
        State = state;
        Index = index;
        Key = Access.Caller(http);
        Db = state.Database.CreateContext(readOnly: true);
        http.Response.RegisterForDispose(this);
    }

    public HttpContext Http { get; }

    public ServerState State { get; }

    public LotIndex Index { get; }

    /// <summary>The signed-in key.</summary>
    public ApiKeyInfo Key { get; }

    /// <summary>A read-only context, disposed with the response.</summary>
    public TraceDbContext Db { get; }

    /// <summary>Every lot the index knows, read up to the ledger's end at the first use in this request.</summary>
    public ImmutableDictionary<string, LotFacts> Facts => _facts ??= Index.Refresh(Db);

    /// <summary>True when the key may see <paramref name="lot"/>; a lot no event touched is seen by the roles that see every site.</summary>
    public bool MaySee(string lot) =>
        Facts.TryGetValue(lot, out var f) ? Access.MaySee(Key, f.Locations) : Access.MaySee(Key, []);

    /// <summary>A lot id as this key may see it: its link, or a neutral placeholder for a lot of another site.</summary>
    public string LotOrHidden(string lot) => MaySee(lot) ? Html.LotLink(lot) : HiddenLot;

    /// <summary>What stands in for a lot this key may not see.</summary>
    public const string HiddenLot = "<em>a lot at another site</em>";

    /// <summary>A query string value, or null when absent or blank.</summary>
    public string? Query(string name) => Http.Request.Query[name].ToString() is { Length: > 0 } v ? v.Trim() : null;

    public void Dispose() => Db.Dispose();
}
