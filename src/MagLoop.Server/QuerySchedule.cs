using System.Globalization;
using System.Text.Json.Nodes;

namespace MagLoop.Server;

/// <summary>
/// The schedule of a scheduled subscription (openapi.yaml, QueryScheduleSubscription): for each of second, minute,
/// hour, dayOfMonth, month and dayOfWeek a list of values and ranges (<c>"5"</c>, <c>"1,15"</c>, <c>"[1-5]"</c>), in
/// UTC. MagLoop's reading of an omitted field, as cron's: a field coarser than the finest one given matches every
/// value, a finer one only its first (<c>{"hour": "1", "minute": "5"}</c> is 01:05:00 every day, the binding's
/// example "every morning at 1.05am"). dayOfWeek counts 1 (Monday) to 7 (Sunday), ISO 8601.
/// </summary>
internal sealed class QuerySchedule
{
    private static readonly (string Name, int Min, int Max)[] Fields =
        [("second", 0, 59), ("minute", 0, 59), ("hour", 0, 23), ("dayOfMonth", 1, 31), ("month", 1, 12), ("dayOfWeek", 1, 7)];

    private readonly HashSet<int>[] _allowed;

    private QuerySchedule(HashSet<int>[] allowed) => _allowed = allowed;

    /// <summary>Reads a schedule object; throws <see cref="FormatException"/> naming the field.</summary>
    public static QuerySchedule Parse(JsonObject schedule)
    {
        if (schedule.Select(p => p.Key).FirstOrDefault(k => Fields.All(f => f.Name != k)) is { } unknown)
            throw new FormatException($"schedule.{unknown}: not a schedule field (second, minute, hour, dayOfMonth, month, dayOfWeek)");
        var given = Fields.Select(f => schedule[f.Name]).ToArray();
        if (given.All(g => g is null)) throw new FormatException("schedule: name at least one field (second, minute, hour, dayOfMonth, month, dayOfWeek)");
        // The finest of second, minute, hour that is given: finer time fields default to their first value.
        var finest = Array.FindIndex(given, g => g is not null);
        var allowed = new HashSet<int>[Fields.Length];
        for (var i = 0; i < Fields.Length; i++)
        {
            var (name, min, max) = Fields[i];
            if (given[i] is { } node)
            {
                var text = node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node is JsonValue n && n.GetValueKind() == System.Text.Json.JsonValueKind.Number ? n.ToJsonString() : null;
                allowed[i] = Values(name, text ?? throw new FormatException($"schedule.{name}: a string such as \"5\", \"1,15\" or \"[1-5]\""), min, max);
            }
            else allowed[i] = i < finest && i < 3 ? [min] : Enumerable.Range(min, max - min + 1).ToHashSet();
        }

        return new QuerySchedule(allowed);
    }

    private static HashSet<int> Values(string name, string text, int min, int max)
    {
        var values = new HashSet<int>();
        foreach (var element in text.Split(',', StringSplitOptions.TrimEntries))
        {
            int a, b;
            if (element.StartsWith('[') && element.EndsWith(']') && element[1..^1].Split('-') is [var lo, var hi]
                && int.TryParse(lo, NumberStyles.None, CultureInfo.InvariantCulture, out a) && int.TryParse(hi, NumberStyles.None, CultureInfo.InvariantCulture, out b)) { }
            else if (int.TryParse(element, NumberStyles.None, CultureInfo.InvariantCulture, out a)) b = a;
            else throw new FormatException($"schedule.{name}: '{element}' is not a number or a range [a-b]");
            if (a < min || b > max || a > b) throw new FormatException($"schedule.{name}: '{element}' lies outside {min} to {max}");
            for (var x = a; x <= b; x++) values.Add(x);
        }

        return values;
    }

    /// <summary>The first time strictly after <paramref name="after"/> (UTC, whole seconds) that the schedule names; null when none within 5 years.</summary>
    public DateTimeOffset? Next(DateTimeOffset after)
    {
        var start = new DateTimeOffset(after.UtcDateTime.Ticks - after.UtcDateTime.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero).AddSeconds(1);
        for (var day = start.Date; day < start.Date.AddYears(5); day = day.AddDays(1))
        {
            var isoDay = day.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)day.DayOfWeek;
            if (!_allowed[4].Contains(day.Month) || !_allowed[3].Contains(day.Day) || !_allowed[5].Contains(isoDay)) continue;
            foreach (var h in _allowed[2].Order())
                foreach (var m in _allowed[1].Order())
                    foreach (var s in _allowed[0].Order())
                    {
                        var t = new DateTimeOffset(day.Year, day.Month, day.Day, h, m, s, TimeSpan.Zero);
                        if (t >= start) return t;
                    }
        }

        return null;
    }
}
