using System.ComponentModel.DataAnnotations;

namespace SmsContacts.Web.Features.Export;

/// <summary>How a running export shows it is alive, and how soon a silent one counts as interrupted (section "Export").</summary>
public sealed class ExportOptions
{
    public const string Section = "Export";

    /// <summary>Seconds between a running export's heartbeats.</summary>
    [Range(1, 3600)]
    public int HeartbeatSeconds { get; set; } = 10;

    /// <summary>
    /// Seconds without a heartbeat after which an export counts as interrupted (its process died). Several
    /// heartbeats long, so a busy database or machine does not end a live export; instances' clocks may
    /// differ by less than this.
    /// </summary>
    [Range(2, 86_400)]
    public int LeaseSeconds { get; set; } = 60;

    public TimeSpan Heartbeat => TimeSpan.FromSeconds(HeartbeatSeconds);

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);

    public bool IsValid => LeaseSeconds >= 2 * HeartbeatSeconds;
}
