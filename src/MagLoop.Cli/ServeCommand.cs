using System.CommandLine;
using MagLoop.Server;
using Microsoft.Extensions.Hosting;

namespace MagLoop.Cli;

/// <summary><c>magloop serve</c>: the traceability server (EPCIS 2.0 REST binding) over the store <c>magloop trace</c> uses.</summary>
public static class ServeCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var urls = new Option<string>("--urls") { Description = "Addresses to listen on, ';'-separated (default http://127.0.0.1:5080: this machine only).", HelpName = "urls", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var schemaPath = new Option<string?>("--schema") { Description = "GS1 EPCIS-JSON-Schema.json as an extra check (default: MAGLOOP_EPCIS_SCHEMA, or shared/standards/epcis under . or ..).", HelpName = "path" };
        var captureLimit = new Option<int>("--capture-limit") { Description = "Most events per capture (GS1-EPCIS-Capture-Limit, default 10000).", HelpName = "n", DefaultValueFactory = _ => 10_000 };
        CommandLine.Require(captureLimit, v => v >= 1, "--capture-limit must be at least 1");
        var captureMb = new Option<int>("--capture-size-limit-mb") { Description = "Largest capture body in MiB (GS1-EPCIS-Capture-File-Size-Limit, default 50).", HelpName = "MiB", DefaultValueFactory = _ => 50 };
        CommandLine.Require(captureMb, v => v is >= 1 and <= 2048, "--capture-size-limit-mb must be 1 to 2048");
        var rate = new Option<int>("--rate-limit") { Description = "Requests per second per key, sustained (burst twice that; default 200).", HelpName = "n", DefaultValueFactory = _ => 200 };
        CommandLine.Require(rate, v => v >= 1, "--rate-limit must be at least 1");
        var custody = new Option<string>("--custody") { Description = "on (default): MagLoop's lot and custody rules on every capture; off: store standard EPCIS events without them (interoperability; no lot effect).", HelpName = "on|off", DefaultValueFactory = _ => "on" };
        custody.AcceptOnlyFromAmong("on", "off");
        var allowPrivate = new Option<bool>("--webhook-allow-private") { Description = "Allow webhook subscriptions to loopback, private and link-local addresses (default: refused, server-side request forgery)." };
        var plan = new Option<string?>("--plan") { Description = "A study result (`magloop study --json > study.json`): the plant plan passports fall back on for carbon and predicted properties.", HelpName = "study.json" };
        var responsible = new Option<string?>("--operator") { Description = "The responsible economic operator named on passports.", HelpName = "name" };
        var resolver = new Option<string?>("--resolver") { Description = "Scheme and host of the GS1 Digital Link URIs on passports and QR codes (default: the host each request came to).", HelpName = "url" };
        CommandLine.Require(resolver, v => v is null || (Uri.TryCreate(v, UriKind.Absolute, out var u) && u.Scheme is "http" or "https"), "--resolver must be an http or https URL");
        var command = new Command("serve", "Serve the trace store over HTTP: the GS1 EPCIS 2.0 REST binding behind API keys (`magloop keys create`).")
        {
            urls, schemaPath, captureLimit, captureMb, rate, custody, allowPrivate, plan, responsible, resolver,
        };
        command.SetAction(parsed =>
        {
            var database = TraceCommand.Database(parsed);
            var schema = TraceCommand.Schema(parsed.GetValue(schemaPath), stderr);
            // Opens (creating or migrating) the store the way `trace capture` does, so a bad --db is one located error.
            TraceCommand.Open(database, schema, create: true).Dispose();
            var options = new ServerOptions
            {
                Database = database,
                Schema = schema,
                CaptureLimitEvents = parsed.GetValue(captureLimit),
                CaptureSizeLimitBytes = parsed.GetValue(captureMb) * 1024L * 1024L,
                RequestsPerSecondPerKey = parsed.GetValue(rate),
                Custody = parsed.GetValue(custody) == "off" ? Traceability.CustodyOptions.Off : Traceability.CustodyOptions.Default,
                WebhookAllowPrivate = parsed.GetValue(allowPrivate),
                // A bad plan is a located user error (exit 2) before the server listens.
                Plan = parsed.GetValue(plan) is { } planPath ? PlantPlan.Read(planPath) : null,
                ResponsibleOperator = parsed.GetValue(responsible),
                ResolverBase = parsed.GetValue(resolver) is { } r ? new Uri(r) : null,
            };
            using var app = MagLoopServer.Create(options);
            foreach (var url in parsed.GetValue(urls)!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) app.Urls.Add(url);
            app.Start();
            stdout.WriteLine($"magloop serve: store {database}, custody {parsed.GetValue(custody)}, listening on {string.Join(", ", app.Urls)} (Ctrl+C stops)");
            app.WaitForShutdown();
            return CommandLine.Success;
        });
        return TraceCommand.WithStore(command);
    }
}
