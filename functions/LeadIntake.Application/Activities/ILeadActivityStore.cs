using LeadIntake.Domain.Activities;
using LeadIntake.Domain.Sales;

namespace LeadIntake.Application.Activities;

/// <summary>Each lead's timeline: its behaviour events, form submissions and sales events, in time order.</summary>
public interface ILeadActivityStore
{
    /// <summary>Stores a behaviour event (or a form submission) of <paramref name="leadId"/>.</summary>
    /// <returns>False when the same event (id and time) was stored before: a replay.</returns>
    Task<bool> TryAddAsync(string leadId, LeadActivity activity, ActivitySource source, CancellationToken cancellationToken);

    /// <summary>Stores a sales event of <paramref name="leadId"/> on its timeline (a replay overwrites the same row).</summary>
    Task AddSalesEventAsync(string leadId, SalesEvent salesEvent, CancellationToken cancellationToken);

    /// <summary>The behaviour events and form submissions of <paramref name="leadId"/> at or after <paramref name="since"/>, oldest first.</summary>
    Task<IReadOnlyList<LeadActivity>> FindBehaviourSinceAsync(string leadId, DateTimeOffset since, CancellationToken cancellationToken);
}

/// <summary>Where a timeline entry came from.</summary>
public enum ActivitySource
{
    /// <summary>A form submission captured by the pipeline ("form").</summary>
    Form,

    /// <summary>A behaviour event posted to <c>/api/activities</c> ("behaviour").</summary>
    Behaviour,

    /// <summary>A sales event posted to <c>/api/leads/{lead}/sales-events</c> ("sales").</summary>
    Sales,
}
