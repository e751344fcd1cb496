using LeadIntake.Domain.Forms;

namespace LeadIntake.Application.Capture;

/// <summary>The form registry's rows as stored (the Forms table).</summary>
public interface IFormSettingsSource
{
    /// <summary>Every row; an empty list when there are none.</summary>
    Task<IReadOnlyList<FormSettingsRow>> LoadAsync(CancellationToken cancellationToken);
}
