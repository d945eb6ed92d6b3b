using System.Text.Json;
using MagLoop.Traceability.Storage;

namespace MagLoop.Cli.Tests;

public sealed class KeysCommandTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"magloop-keys-cli-{Guid.NewGuid():N}");

    public KeysCommandTests() => Directory.CreateDirectory(_directory);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private string Db => Path.Combine(_directory, "store.db");

    [Fact]
    public void Keys_create_prints_the_key_once_list_never_shows_it_and_revoke_marks_it()
    {
        var (code, stdout, stderr) = CliRun.Run("keys", "create", "--role", "operator", "--site", "urn:epc:id:sgln:0614141.07346", "--expires", "2099-01-01", "--json", "--db", Db);
        Assert.True(code == 0, stderr);
        using var created = JsonDocument.Parse(stdout);
        var id = created.RootElement.GetProperty("id").GetString()!;
        var key = created.RootElement.GetProperty("key").GetString()!;
        Assert.StartsWith($"mlk_{id}_", key, StringComparison.Ordinal);

        (code, stdout, _) = CliRun.Run("keys", "list", "--json", "--db", Db);
        Assert.Equal(0, code);
        Assert.DoesNotContain(key, stdout, StringComparison.Ordinal);
        using (var list = JsonDocument.Parse(stdout))
        {
            var row = Assert.Single(list.RootElement.EnumerateArray());
            Assert.Equal("operator", row.GetProperty("role").GetString());
            Assert.Equal(JsonValueKind.Null, row.GetProperty("revoked").ValueKind);
        }

        (code, _, stderr) = CliRun.Run("keys", "revoke", id, "--db", Db);
        Assert.True(code == 0, stderr);
        var info = ApiKeys.Find(TraceDatabase.Sqlite(Db), key)!;
        Assert.False(info.IsValidAt(DateTimeOffset.UtcNow));
    }

    [Theory]
    [InlineData("keys", "create", "--role", "boss", "--site", "x")]
    [InlineData("keys", "create", "--role", "admin", "--site", "x", "--expires", "soon")]
    [InlineData("keys", "create", "--role", "admin", "--site", "x", "--expires", "2001-01-01")]
    [InlineData("keys", "revoke", "nope")]
    public void Bad_key_commands_exit_2_with_one_message(params string[] args)
    {
        var (code, _, stderr) = CliRun.Run([.. args, "--db", Db]);
        Assert.Equal(2, code);
        Assert.StartsWith("magloop: ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_with_a_store_in_a_missing_folder_exits_2()
    {
        var (code, _, stderr) = CliRun.Run("serve", "--db", Path.Combine(_directory, "no", "such", "store.db"));
        Assert.Equal(2, code);
        Assert.Contains("does not exist", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_with_a_plan_that_is_not_JSON_exits_2_naming_its_line_and_column()
    {
        var plan = Path.Combine(_directory, "study.json");
        File.WriteAllText(plan, "{\n  \"carbon\": {,\n}");
        var (code, _, stderr) = CliRun.Run("serve", "--db", Db, "--plan", plan);
        Assert.Equal(2, code);
        Assert.Contains("study.json:2:", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_with_a_resolver_that_is_not_a_web_address_exits_2()
    {
        var (code, _, stderr) = CliRun.Run("serve", "--db", Db, "--resolver", "ftp://example.com");
        Assert.Equal(2, code);
        Assert.Contains("--resolver must be an http or https URL", stderr, StringComparison.Ordinal);
    }
}
