namespace SmsContacts.Web.Features.ContactActions;

/// <summary>A confirmation (Unsubscribe or Ban) of the selected contacts.</summary>
public sealed class SelectionConfirmation
{
    public required IReadOnlyList<SelectedContact> Contacts { get; init; }

    public required SelectionRequest Request { get; init; }

    /// <summary>Where Cancel and the result go without script.</summary>
    public required string ReturnUrl { get; init; }

    /// <summary>Shown in the popup: Cancel closes it (several contacts) or goes back to the contact's details (one).</summary>
    public required bool InPopup { get; init; }

    public bool HasListSelection => Contacts.Any(c => c.SelectedLists.Count > 0);

    public SelectedContact? Single => Contacts.Count == 1 ? Contacts[0] : null;
}

public sealed class OptBackInConfirmation
{
    public required long ContactId { get; init; }

    public required string Phone { get; init; }

    public required string State { get; init; }

    public required IReadOnlyList<string> ListsToRestore { get; init; }
}

/// <summary>The outcome of an action on several contacts, one line each.</summary>
public sealed record ActionDone(string Title, IReadOnlyList<string> Lines);
