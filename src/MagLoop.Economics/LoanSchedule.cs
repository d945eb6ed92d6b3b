namespace MagLoop.Economics;

/// <summary>
/// Draws, capitalised interest, fees and repayment of a term loan, year by year. The loan is drawn pro rata
/// with capital spending; interest during construction is added to the balance (grace); repayment runs over
/// the tenor from the first operating year, level (annuity) or sculpted to a target DSCR.
/// </summary>
/// <param name="DrawUsd">Principal drawn per year.</param>
/// <param name="CapitalisedInterestUsd">Interest added to the balance during construction.</param>
/// <param name="FeeUsd">Fees paid per year.</param>
/// <param name="InterestPaidUsd">Interest paid in cash per year.</param>
/// <param name="PrincipalUsd">Principal repaid per year.</param>
/// <param name="ClosingBalanceUsd">Balance at the end of each year.</param>
public sealed record LoanSchedule(
    decimal[] DrawUsd,
    decimal[] CapitalisedInterestUsd,
    decimal[] FeeUsd,
    decimal[] InterestPaidUsd,
    decimal[] PrincipalUsd,
    decimal[] ClosingBalanceUsd)
{
    /// <summary>No loan.</summary>
    public static LoanSchedule None(int years) => new(new decimal[years], new decimal[years], new decimal[years], new decimal[years], new decimal[years], new decimal[years]);

    /// <summary>
    /// Builds the schedule. <paramref name="cfadsUsd"/> is the cash flow available for debt service per year,
    /// used by sculpted repayment only.
    /// </summary>
    public static LoanSchedule Build(LoanTerms terms, IReadOnlyList<double> capexSchedule, int constructionYears, int years, IReadOnlyList<decimal> cfadsUsd)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(capexSchedule);
        ArgumentNullException.ThrowIfNull(cfadsUsd);
        if (terms.TenorYears < 1) throw new ArgumentException("the loan tenor must be at least one year", nameof(terms));
        if (constructionYears + terms.TenorYears > years)
            throw new ArgumentException($"the loan ({terms.TenorYears} years after {constructionYears} of construction) runs beyond the project's {years} years", nameof(terms));
        if (terms.Repayment == RepaymentProfile.Sculpted && terms.TargetDscr <= 0)
            throw new ArgumentException("sculpted repayment needs a target DSCR above 0", nameof(terms));
        var s = None(years);
        var rate = (decimal)terms.InterestRate;
        decimal balance = 0;
        for (var i = 0; i < capexSchedule.Count; i++)
        {
            var draw = terms.AmountUsd * (decimal)capexSchedule[i];
            s.DrawUsd[i] = draw;
            if (i < constructionYears)
            {
                // Drawn through the year: on average half a year of interest on this year's draw.
                var interest = rate * (balance + (draw / 2));
                s.CapitalisedInterestUsd[i] = interest;
                balance += draw + interest;
            }
            else
            {
                balance += draw;
            }

            s.ClosingBalanceUsd[i] = balance;
        }

        s.FeeUsd[Array.FindIndex(s.DrawUsd, d => d > 0) is var first and >= 0 ? first : 0] += terms.AmountUsd * (decimal)terms.UpfrontFeeShare;
        var payment = terms.Repayment == RepaymentProfile.Level ? LevelPayment(balance, terms.InterestRate, terms.TenorYears) : 0;
        for (var k = 0; k < terms.TenorYears; k++)
        {
            var t = constructionYears + k;
            var interest = balance * rate;
            decimal principal;
            if (k == terms.TenorYears - 1) principal = balance;
            else if (terms.Repayment == RepaymentProfile.Level) principal = payment - interest;
            else principal = Math.Max(0, (cfadsUsd[t] / (decimal)terms.TargetDscr) - interest);
            principal = Math.Clamp(principal, 0, balance);
            s.InterestPaidUsd[t] = interest;
            s.PrincipalUsd[t] = principal;
            balance -= principal;
            s.ClosingBalanceUsd[t] = balance;
        }

        return s;
    }

    /// <summary>Annuity payment repaying <paramref name="principal"/> in <paramref name="years"/> equal instalments.</summary>
    public static decimal LevelPayment(decimal principal, double rate, int years)
    {
        if (years < 1) throw new ArgumentOutOfRangeException(nameof(years), years, "at least one year");
        if (rate == 0) return principal / years;
        return principal * (decimal)(rate / (1 - Math.Pow(1 + rate, -years)));
    }
}
