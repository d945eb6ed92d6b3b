using MagLoop.Studies;
using Spectre.Console;

namespace MagLoop.Cli;

/// <summary>Progress bars on stderr for long work (Monte Carlo, replications): one bar per reported task.</summary>
public static class ProgressView
{
    /// <summary>
    /// Runs <paramref name="run"/> with a progress reporter when <paramref name="stderr"/> is an interactive terminal
    /// and <paramref name="long"/> says the work is worth watching; otherwise with none, so redirected output stays clean.
    /// </summary>
    public static T Run<T>(TextWriter stderr, bool @long, Func<IProgress<StudyProgress>?, T> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var interactive = ReferenceEquals(stderr, System.Console.Error) && !System.Console.IsErrorRedirected;
        if (!@long || !interactive) return run(null);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stderr) });
        T result = default!;
        console.Progress().AutoClear(true).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                // Parallel workers report from several threads; each task gets its bar on its first report.
                var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                var progress = new Reporter(p =>
                {
                    lock (tasks)
                    {
                        if (!tasks.TryGetValue(p.Task, out var task)) tasks[p.Task] = task = context.AddTask(p.Task, maxValue: Math.Max(1, p.Total));
                        task.Value = Math.Max(task.Value, p.Done);
                    }
                });
                result = run(progress);
                lock (tasks)
                {
                    foreach (var task in tasks.Values) task.Value = task.MaxValue;
                }
            });
        return result;
    }

    private sealed class Reporter(Action<StudyProgress> report) : IProgress<StudyProgress>
    {
        public void Report(StudyProgress value) => report(value);
    }
}
