using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MagLoop.Traceability.Storage;

namespace MagLoop.Cli;

/// <summary><c>magloop keys</c>: API keys of the traceability server, stored as hashes in the trace store.</summary>
public static class KeysCommand
{
    /// <summary>Creates the command and its subcommands.</summary>
    public static Command Create(TextWriter stdout)
    {
        var keys = new Command("keys", "API keys of `magloop serve`: create (shown once), list, revoke.");
        keys.Subcommands.Add(TraceCommand.WithStore(CreateKey(stdout)));
        keys.Subcommands.Add(TraceCommand.WithStore(List(stdout)));
        keys.Subcommands.Add(TraceCommand.WithStore(Revoke(stdout)));
        return keys;
    }

    private static Option<bool> JsonOption() => new("--json") { Description = "Print JSON." };

    private static Command CreateKey(TextWriter stdout)
    {
        var role = new Option<string>("--role") { Description = "operator, quality, auditor or admin.", HelpName = "role", Required = true };
        role.AcceptOnlyFromAmong("operator", "quality", "auditor", "admin");
        var site = new Option<string>("--site") { Description = "Site the key is bound to: a location id (SGLN URN or Digital Link); operators capture only events at it.", HelpName = "site", Required = true };
        var expires = new Option<string?>("--expires") { Description = "Expiry as an RFC 3339 date-time or date (UTC), e.g. 2027-01-01.", HelpName = "time" };
        var json = JsonOption();
        var command = new Command("create", "Create a key; it is printed once and only its hash is stored.") { role, site, expires, json };
        command.SetAction(parsed =>
        {
            DateTimeOffset? expiry = null;
            if (parsed.GetValue(expires) is { } text)
            {
                if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t))
                    throw new UserInputException($"--expires '{text}' is not a date-time such as 2027-01-01T00:00:00Z");
                expiry = t;
            }

            using var store = TraceCommand.Open(TraceCommand.Database(parsed), create: true);
            var (info, key) = ApiKeys.Create(store.Context, ApiKeys.ParseRole(parsed.GetValue(role))!.Value, parsed.GetValue(site)!, expiry, TimeProvider.System);
            if (parsed.GetValue(json)) stdout.WriteLine(JsonSerializer.Serialize(new { id = info.Id, key }));
            else
            {
                stdout.WriteLine($"key {info.Id} ({ApiKeys.Name(info.Role)} at {info.Site}{(info.Expires is { } e ? $", expires {e:O}" : "")}):");
                stdout.WriteLine(key);
                stdout.WriteLine("Store it now: it is not shown again (only its hash is kept).");
            }

            return CommandLine.Success;
        });
        return command;
    }

    private static Command List(TextWriter stdout)
    {
        var json = JsonOption();
        var command = new Command("list", "List keys (ids, roles, sites, expiry, revocation; never the keys).") { json };
        command.SetAction(parsed =>
        {
            using var store = TraceCommand.Open(TraceCommand.Database(parsed), create: true);
            var keys = ApiKeys.List(store.Context);
            if (parsed.GetValue(json))
            {
                stdout.WriteLine(JsonSerializer.Serialize(keys.Select(k => new { id = k.Id, role = ApiKeys.Name(k.Role), site = k.Site, created = k.Created, expires = k.Expires, revoked = k.Revoked })));
                return CommandLine.Success;
            }

            foreach (var k in keys)
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{k.Id}  {ApiKeys.Name(k.Role),-8}  {k.Site}  created {k.Created:yyyy-MM-dd}{(k.Expires is { } e ? $"  expires {e:O}" : "")}{(k.Revoked is { } r ? $"  REVOKED {r:O}" : "")}"));
            return CommandLine.Success;
        });
        return command;
    }

    private static Command Revoke(TextWriter stdout)
    {
        var id = new Argument<string>("id") { Description = "Key id (from `keys list`)." };
        var command = new Command("revoke", "Revoke a key: the server refuses it from the next request on.") { id };
        command.SetAction(parsed =>
        {
            using var store = TraceCommand.Open(TraceCommand.Database(parsed), create: true);
            var info = ApiKeys.Revoke(store.Context, parsed.GetValue(id)!, TimeProvider.System);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"key {info.Id} revoked at {info.Revoked:O}"));
            return CommandLine.Success;
        });
        return command;
    }
}
