namespace LeadIntake.Domain.Kpis;

/// <summary>A marketing plan cannot be calculated from its input: a parameter is out of range, or a rate is neither measured nor given.</summary>
/// <remarks>The API answers 400 with a problem naming <see cref="Field"/> (the query parameter, e.g. <c>mqlToSql</c>).</remarks>
public sealed class PlanInputException : Exception
{
    /// <summary>Creates the exception for <paramref name="field"/>.</summary>
    /// <param name="field">The plan parameter at fault, as the query string spells it (<c>revenueGoal</c>, <c>leadToMql</c>, …).</param>
    /// <param name="message">What is wrong with it, readable by a marketer.</param>
    public PlanInputException(string field, string message)
        : base(message)
    {
        Field = field;
    }

    /// <summary>The plan parameter at fault, as the query string spells it.</summary>
    public string Field { get; }
}
