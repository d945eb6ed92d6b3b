namespace MagLoop.Server.Tests;

/// <summary>Debian's chromium for the browser tests: its path from MAGLOOP_CHROMIUM, which .ci/run sets.</summary>
internal static class Chromium
{
    /// <summary>The browser's path, or null where MAGLOOP_CHROMIUM is unset.</summary>
    public static string? Path => Environment.GetEnvironmentVariable("MAGLOOP_CHROMIUM") is { Length: > 0 } p ? p : null;

    /// <summary>Why a browser test is skipped where there is no browser.</summary>
    public const string SkipReason = "Chromium: MAGLOOP_CHROMIUM is not set; .ci/run installs Debian's chromium and sets it (a browser is never downloaded).";
}

/// <summary>A test that needs Debian's chromium (MAGLOOP_CHROMIUM); reported as skipped, with the reason, where it is unset.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Path is null) Skip = Chromium.SkipReason;
    }
}

/// <summary>A theory that needs Debian's chromium (MAGLOOP_CHROMIUM); reported as skipped, with the reason, where it is unset.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ChromiumTheoryAttribute : TheoryAttribute
{
    public ChromiumTheoryAttribute()
    {
        if (Chromium.Path is null) Skip = Chromium.SkipReason;
    }
}
