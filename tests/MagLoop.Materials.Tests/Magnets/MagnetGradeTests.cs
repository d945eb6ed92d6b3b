using MagLoop.Materials.Magnets;

namespace MagLoop.Materials.Tests.Magnets;

public sealed class MagnetGradeTests
{
    private const double MGOe = MagnetGrade.KJm3PerMGOe;

    [Theory]
    [InlineData(954.999, null)]
    [InlineData(955, CoercivityClass.N)]
    [InlineData(1113.999, CoercivityClass.N)]
    [InlineData(1114, CoercivityClass.M)]
    [InlineData(1353, CoercivityClass.H)]
    [InlineData(1591.999, CoercivityClass.H)]
    [InlineData(1592, CoercivityClass.SH)]
    [InlineData(1990, CoercivityClass.UH)]
    [InlineData(2388, CoercivityClass.EH)]
    [InlineData(2785.999, CoercivityClass.EH)]
    [InlineData(2786, CoercivityClass.AH)]
    [InlineData(5000, CoercivityClass.AH)]
    public void Coercivity_class_changes_exactly_at_the_class_minimum(double hcjKAm, CoercivityClass? expected) =>
        Assert.Equal(expected, MagnetGrade.ClassOf(hcjKAm));

    [Theory]
    [InlineData(39.999, 40)]
    [InlineData(40.0, 42)]
    [InlineData(42.999, 42)]
    [InlineData(43.0, 45)]
    [InlineData(48.0, 50)]
    [InlineData(50.0, 52)]
    [InlineData(26.0, 28)]
    [InlineData(60.0, 55)]
    public void Grade_number_is_the_highest_whose_lower_bound_n_minus_2_is_reached(double mgoe, int expected) =>
        Assert.Equal(expected, MagnetGrade.NumberOf(mgoe * MGOe));

    [Fact]
    public void Below_26_MGOe_there_is_no_grade_number() => Assert.Null(MagnetGrade.NumberOf(25.99 * MGOe));

    [Fact]
    public void One_MGOe_is_7_958_kJ_per_m3() => Assert.Equal(7.9577, MGOe, 4);

    [Fact]
    public void N42_spans_40_to_43_MGOe()
    {
        Assert.Equal(new MagnetGrade(42, CoercivityClass.N), MagnetGrade.Classify(960, 40 * MGOe));
        Assert.Equal(new MagnetGrade(42, CoercivityClass.N), MagnetGrade.Classify(960, 42.9 * MGOe));
        Assert.Equal(new MagnetGrade(40, CoercivityClass.N), MagnetGrade.Classify(960, 39.9 * MGOe));
    }

    [Fact]
    public void Below_the_N_class_there_is_no_grade() => Assert.Null(MagnetGrade.Classify(954, 42 * MGOe));

    [Theory]
    [InlineData("N42", 42, CoercivityClass.N, "N42")]
    [InlineData("45SH", 45, CoercivityClass.SH, "45SH")]
    [InlineData("N45SH", 45, CoercivityClass.SH, "45SH")]
    [InlineData("38uh", 38, CoercivityClass.UH, "38UH")]
    [InlineData(" 42M ", 42, CoercivityClass.M, "42M")]
    [InlineData("35EH", 35, CoercivityClass.EH, "35EH")]
    [InlineData("33AH", 33, CoercivityClass.AH, "33AH")]
    [InlineData("42", 42, CoercivityClass.N, "N42")]
    public void Parses_and_formats_grade_names(string text, int number, CoercivityClass cls, string formatted)
    {
        var grade = MagnetGrade.Parse(text);
        Assert.Equal(new MagnetGrade(number, cls), grade);
        Assert.Equal(formatted, grade.ToString());
        Assert.Equal(grade, MagnetGrade.Parse(grade.ToString()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("SH")]
    [InlineData("N41")]
    [InlineData("42XX")]
    [InlineData("42N")]
    [InlineData("N-42")]
    public void Rejects_what_is_not_a_grade(string text) => Assert.Throws<MaterialsException>(() => MagnetGrade.Parse(text));

    [Fact]
    public void A_grade_is_met_exactly_at_its_minima()
    {
        var grade = MagnetGrade.Parse("42SH");
        Assert.True(grade.IsMetBy(1592, 40 * MGOe));
        Assert.False(grade.IsMetBy(1591.9, 40 * MGOe));
        Assert.False(grade.IsMetBy(1592, 39.99 * MGOe));
    }
}
