namespace MagLoop.Reporting.Tests;

public sealed class StudyFilesTests
{
    private static string NewFolder() => Path.Combine(Path.GetTempPath(), "magloop-reporting-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Writes_study_json_streams_csv_and_cashflows_csv()
    {
        var directory = NewFolder();
        try
        {
            var result = Scenarios.ThreeVessels.Value;
            var written = StudyFiles.Write(result, directory);
            Assert.Equal(["cashflows.csv", "periods.csv", "streams.csv", "study.json"], written.Select(Path.GetFileName));
            var csv = File.ReadAllLines(Path.Combine(directory, "streams.csv"));
            Assert.StartsWith("name,from,to,outlet,tonnesPerYear,Nd_massFraction", csv[0], StringComparison.Ordinal);
            Assert.Equal(result.Streams.Count + 1, csv.Length);
            Assert.Equal(result.ToJson(), File.ReadAllText(Path.Combine(directory, "study.json")));
            Assert.Equal(result.Economics!.CashFlows.Count + 1, File.ReadAllLines(Path.Combine(directory, "cashflows.csv")).Length);
            Assert.Equal(result.Economics.Financing!.Periods.Count + 1, File.ReadAllLines(Path.Combine(directory, "periods.csv")).Length);
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Stream_lines_hold_the_tonnage_and_fractions_that_sum_to_one()
    {
        var result = Scenarios.ThreeVessels.Value;
        var magnets = StudyFiles.StreamsCsv(result).Single(l => l.StartsWith("Magnets,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(result.Production.MagnetTonnesPerYear, double.Parse(magnets[4], System.Globalization.CultureInfo.InvariantCulture), 9);
        Assert.Equal(1.0, magnets[5..].Sum(f => double.Parse(f, System.Globalization.CultureInfo.InvariantCulture)), 9);
    }

    [Fact]
    public void A_study_without_economics_writes_no_cashflows_csv()
    {
        Assert.Null(StudyFiles.CashFlowsCsv(Scenarios.WithoutEconomics.Value));
        var directory = NewFolder();
        try
        {
            Assert.Equal(["streams.csv", "study.json"], StudyFiles.Write(Scenarios.WithoutEconomics.Value, directory).Select(Path.GetFileName));
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_file_that_cannot_be_written_leaves_none_of_the_set_behind()
    {
        var directory = NewFolder();
        Directory.CreateDirectory(Path.Combine(directory, "streams.csv"));
        try
        {
            Assert.Throws<IOException>(() => StudyFiles.Write(Scenarios.ThreeVessels.Value, directory));
            Assert.Equal([Path.Combine(directory, "streams.csv")], Directory.GetFileSystemEntries(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
