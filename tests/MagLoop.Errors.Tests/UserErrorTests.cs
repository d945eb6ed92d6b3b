namespace MagLoop.Errors.Tests;

public sealed class UserErrorTests
{
    [Theory]
    [InlineData("a.yaml", 3, 7, "feeds[0].site", "a.yaml:3:7: feeds[0].site: unknown site 'dfx'")]
    [InlineData("a.yaml", 0, 0, "feeds[0].site", "a.yaml: feeds[0].site: unknown site 'dfx'")]
    [InlineData("a.yaml", 3, 7, "", "a.yaml:3:7: unknown site 'dfx'")]
    public void Message_names_the_place_the_field_and_the_problem(string file, int line, int column, string field, string expected)
    {
        var error = new UserError("unknown site 'dfx'", field, new InputLocation(file, line, column));
        Assert.Equal(expected, error.Message);
        Assert.Equal("unknown site 'dfx'", error.Problem);
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void An_unlocated_error_is_its_field_and_problem()
    {
        Assert.Equal("--years: must be at least 1", new UserError("must be at least 1", "--years").Message);
        Assert.Equal("must be at least 1", new UserError("must be at least 1").Message);
        Assert.Null(new UserError("x").Location);
    }
}

public sealed class SuggestTests
{
    [Theory]
    [InlineData("tonnesPerYr", "tonnesPerYear")]
    [InlineData("SITE", "site")]
    public void A_near_miss_gets_the_nearest_candidate(string word, string expected) =>
        Assert.Equal(expected, Suggest.Nearest(word, ["site", "tonnesPerYear", "scrapType"]));

    [Fact]
    public void A_word_far_from_every_candidate_gets_none() =>
        Assert.Null(Suggest.Nearest("elephant", ["site", "tonnesPerYear", "scrapType"]));
}
