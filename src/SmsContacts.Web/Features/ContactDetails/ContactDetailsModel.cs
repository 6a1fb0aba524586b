using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.ContactProfile;

namespace SmsContacts.Web.Features.ContactDetails;

/// <summary>Contact Details' Update: the profile plus the version the form was shown with.</summary>
public sealed class UpdateContactForm : ProfileForm
{
    public int Version { get; set; }

    /// <summary>The tab that was open (system or custom), so the page comes back on it.</summary>
    public string? Tab { get; set; }
}

public sealed record ImportSource(string FileName, string? ConsentNote);

public sealed record ListMembership(long SubscriptionId, string ListName, SubscriptionStatus Status, DateTime SubscribedUtc, SubscribeMethod Method, string? Keyword);

/// <summary>Everything the Contact Details popup (or page) shows about one contact.</summary>
public sealed class ContactDetailsModel
{
    public const string SystemTab = "system";
    public const string CustomTab = "custom";
    public const string ActivityTab = "activity";

    public required long ContactId { get; init; }

    public required string Phone { get; init; }

    /// <summary>The state in words, as the consent history writes it ("Subscribed", "Opted out (STOP keyword)"...).</summary>
    public required string State { get; init; }

    public DateTime? OptedOutUtc { get; init; }

    public OptOutReason? OptOutReason { get; init; }

    public string? OtherReply { get; init; }

    public DateTime? OtherReplyUtc { get; init; }

    public required DateTime CreatedUtc { get; init; }

    public DateTime? ComplianceLastSentUtc { get; init; }

    public required IReadOnlyList<CustomFieldDefinition> Fields { get; init; }

    public required IReadOnlyList<ListMembership> Lists { get; init; }

    /// <summary>While opted out: the lists START (or an opt-back-in) would put the number back on.</summary>
    public required IReadOnlyList<string> ListsToRestore { get; init; }

    /// <summary>Newest first.</summary>
    public required IReadOnlyList<ConsentEvent> History { get; init; }

    /// <summary>The imports the history names: their file and consent note, shown beside the events they wrote.</summary>
    public IReadOnlyDictionary<Guid, ImportSource> Imports { get; init; } = new Dictionary<Guid, ImportSource>();

    public required UpdateContactForm Form { get; set; }

    public string ActiveTab { get; set; } = SystemTab;

    /// <summary>Message Activity, rendered with the panel only when that tab is asked for in the URL (no script); the popup loads it on demand.</summary>
    public SmsContacts.Web.Features.MessageActivity.ActivityModel? Activity { get; set; }

    public string? Success { get; set; }

    public IReadOnlyList<ConflictingValue>? Conflict { get; set; }

    public bool IsOptedOut => OptedOutUtc is not null;

    public bool IsBanned => OptOutReason == Domain.OptOutReason.Banned;

    public string Url => $"/contacts/{ContactId}";
}
