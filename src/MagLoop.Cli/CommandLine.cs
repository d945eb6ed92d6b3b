using System.CommandLine;

namespace MagLoop.Cli;

/// <summary>
/// The <c>magloop</c> command line. Exit codes: 0 success, 2 user error (bad file or argument, one located
/// message), 1 internal error, 3 <c>trace verify</c> found an altered ledger.
/// </summary>
public static partial class CommandLine
{
    /// <summary>Exit code for success.</summary>
    public const int Success = 0;

    /// <summary>Exit code for an internal error (a bug).</summary>
    public const int InternalError = 1;

    /// <summary>Exit code for a user error.</summary>
    public const int UserError = 2;

    /// <summary>Runs the command line with the given writers; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = BuildCommands(stdout, stderr);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) stderr.WriteLine($"magloop: {Plain(error.Message)}");
            stderr.WriteLine("Run 'magloop --help' for usage.");
            return UserError;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Errors.UserError e)
        {
            // A located error names its file first; an unlocated one (an argument) is said by the tool.
            stderr.WriteLine(e.Location is null ? $"magloop: {e.Message}" : e.Message);
            return UserError;
        }
        catch (IOException e)
        {
            // The output could not be written (a full disk, a closed device): the machine's problem, not a bug.
            stderr.WriteLine($"magloop: cannot write the output: {e.Message}");
            return UserError;
        }
        catch (Exception e)
        {
            stderr.WriteLine($"magloop: internal error: {e.GetType().Name}: {e.Message}");
            if (Environment.GetEnvironmentVariable("MAGLOOP_DEBUG") is not null) stderr.WriteLine(e);
            stderr.WriteLine("This is a bug in MagLoop; please report it with the scenario file.");
            return InternalError;
        }
    }

    private static RootCommand BuildCommands(TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("MagLoop: plan, simulate, finance and run a short-loop (HPMS) NdFeB magnet recycling plant.");
        root.Subcommands.Add(StudyCommand.Create(stdout, stderr));
        root.Subcommands.Add(ValidateCommand.Create(stdout));
        root.Subcommands.Add(SchemaCommand.Create(stdout));
        root.Subcommands.Add(ScrapTypesCommand.Create(stdout));
        root.Subcommands.Add(MagnetCommand.Create(stdout));
        root.Subcommands.Add(CompareCommand.Create(stdout, stderr));
        root.Subcommands.Add(MergeCommand.Create(stdout, stderr));
        root.Subcommands.Add(BenchCommand.Create(stdout));
        root.Subcommands.Add(SimulateCommand.Create(stdout, stderr));
        root.Subcommands.Add(TraceCommand.Create(stdout, stderr));
        root.Subcommands.Add(ServeCommand.Create(stdout, stderr));
        root.Subcommands.Add(KeysCommand.Create(stdout));
        return root;
    }

    // System.CommandLine names the CLR type it could not parse ("Cannot parse argument 'abc' for option '--years' as
    // expected type 'System.Nullable`1[System.Int32]'"): say it in words, once, for every command.
    private static string Plain(string message)
    {
        var match = UnparsableOption().Match(message);
        if (!match.Success) return message;
        var what = match.Groups["type"].Value is var type && (type.Contains("Int32", StringComparison.Ordinal) || type.Contains("Int64", StringComparison.Ordinal))
            ? "a whole number"
            : "a number";
        var text = match.Groups["text"].Value;
        // Digits that do not parse as a whole number are too large for one.
        if (what == "a whole number" && text.TrimStart('-').All(char.IsAsciiDigit)) what = "a smaller whole number";
        return $"{match.Groups["option"].Value} expects {what}, not '{text}'";
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^Cannot parse argument '(?<text>.*)' for option '(?<option>[^']+)' as expected type '(?<type>[^']+)'\.?$")]
    private static partial System.Text.RegularExpressions.Regex UnparsableOption();

    /// <summary>
    /// Adds a check of an option's value that runs only when its text parsed: reading the value of unparsable text
    /// throws inside System.CommandLine, and the parser already reports that text as a user error itself.
    /// </summary>
    public static void Require<T>(Option<T> option, Func<T, bool> valid, string message)
    {
        ArgumentNullException.ThrowIfNull(option);
        ArgumentNullException.ThrowIfNull(valid);
        option.Validators.Add(result =>
        {
            T value;
            try
            {
                value = result.GetValueOrDefault<T>();
            }
            catch (InvalidOperationException)
            {
                return;
            }

            if (!valid(value)) result.AddError(message);
        });
    }

    /// <summary>
    /// Makes a FILE argument refuse a token that starts with '-' and names no existing file or folder: System.CommandLine
    /// would otherwise take an unknown option such as <c>--bogus</c> as the file and report "file not found".
    /// </summary>
    public static void RejectUnknownOptions(Argument file)
    {
        ArgumentNullException.ThrowIfNull(file);
        file.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.StartsWith('-') && !Path.Exists(token.Value))
                    result.AddError($"unknown option '{token.Value}'");
            }
        });
    }

    /// <summary>The bundled default scenario (dfw-hub.yaml), looked up beside the tool, then in ./scenarios.</summary>
    public static string DefaultScenarioPath()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "scenarios", "dfw-hub.yaml");
        return File.Exists(beside) ? beside : Path.Combine("scenarios", "dfw-hub.yaml");
    }
}

/// <summary>A user error outside scenario files: a bad argument or an output folder that cannot be written.</summary>
public sealed class UserInputException(string message) : Errors.UserError(message);
