using LeadIntake.Domain.Forms;

namespace LeadIntake.Application.Capture;

/// <summary>The form registry in force: the Forms table's rows over the built-in default form, reloaded in the background.</summary>
public interface IFormRegistryProvider
{
    /// <summary>The current registry; never fails once loaded (a storage outage keeps the last one).</summary>
    ValueTask<FormRegistry> GetAsync(CancellationToken cancellationToken);
}
