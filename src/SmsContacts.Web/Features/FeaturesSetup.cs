using FluentValidation;
using SmsContacts.Web.Data.BulkImport;
using SmsContacts.Web.Features.Account;
using SmsContacts.Web.Features.ConsentReceipt;
using SmsContacts.Web.Features.ContactActions;
using SmsContacts.Web.Features.ContactDetails;
using SmsContacts.Web.Features.Contacts;
using SmsContacts.Web.Features.CustomFields;
using SmsContacts.Web.Features.Demo;
using SmsContacts.Web.Features.Export;
using SmsContacts.Web.Features.Import;
using SmsContacts.Web.Features.Inbound;
using SmsContacts.Web.Features.ListDashboard;
using SmsContacts.Web.Features.MessageActivity;
using SmsContacts.Web.Features.NeedsReview;
using SmsContacts.Web.Features.Outbound;
using SmsContacts.Web.Features.SenderCodes;
using SmsContacts.Web.Features.SingleContact;
using SmsContacts.Web.Features.Users;
using SmsContacts.Web.Infrastructure.Sms;

namespace SmsContacts.Web.Features;

public static class FeaturesSetup
{
    /// <summary>The use-case classes of each feature, and every form validator in the app.</summary>
    public static IServiceCollection AddFeatures(this IServiceCollection services)
    {
        services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Scoped);

        services.AddScoped<PasswordSignIn>();
        services.AddScoped<PasswordChanges>();
        services.AddSingleton<StandInPasswordHash>();

        services.AddScoped<ContactsDashboard>();
        services.AddScoped<ListHealth>();
        services.AddScoped<ColumnPreferences>();
        services.AddScoped<SenderCodeEditor>();
        services.AddScoped<TimeZone.TimeZoneSettings>();
        services.AddScoped<UserAdministration>();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<DataChecker>();
        services.AddScoped<SingleContactAdder>();
        services.AddScoped<ContactDetailsQuery>();
        services.AddScoped<ConsentRecords>();
        services.AddScoped<ContactUpdater>();
        services.AddScoped<ContactSelection>();
        services.AddScoped<ConsentChangeRunner>();
        services.AddScoped<UnsubscribeContacts>();
        services.AddScoped<BanContacts>();
        services.AddScoped<OptContactBackIn>();
        services.AddScoped<CustomFieldEditor>();

        services.AddSingleton<ExportLinks>();
        services.AddScoped<ExportRequests>();
        services.AddScoped<ExportsPage>();
        services.AddScoped<ExportDownloads>();
        services.AddScoped<ExportEmail>();
        services.AddScoped<ContactExportWriter>();
        services.AddScoped<ExportContactsJob>();
        services.AddScoped<ExpiredExportsCleanupJob>();
        services.AddOptions<ExportOptions>().BindConfiguration(ExportOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.IsValid, "Export:LeaseSeconds must be at least twice Export:HeartbeatSeconds.").ValidateOnStart();
        services.AddScoped<ExportRuns>();
        services.AddScoped<ExportRecovery>();

        services.AddScoped<ContactActivity>();

        services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<ImportUpload>();
        services.AddScoped<ImportWizard>();
        services.AddScoped<RememberedLayouts>();
        services.AddScoped<ImportReports>();
        services.AddScoped<ImportContactsJob>();
        services.AddScoped<ImportUndos>();
        services.AddScoped<UndoImportJob>();
        services.AddScoped<IImportUndoWriterFactory, ImportUndoWriterFactory>();
        services.AddScoped<ImportRetention>();
        services.AddScoped<IContactBulkWriterFactory, ContactBulkWriterFactory>();
        services.AddScoped<ImportRecovery>();

        services.AddScoped<NeedsReviewQueue>();
        services.AddScoped<InboundMessageHandler>();
        services.AddScoped<StoredTextApplier>();
        services.AddScoped<ApplyStoredTextsJob>();
        services.AddScoped<InboundRecovery>();
        services.AddScoped<DeliveryReceipts>();
        services.AddSingleton<TwilioWebhookSignature>();
        services.AddSingleton<SqliteWriteGate>();

        services.AddScoped<SendQueuedMessagesJob>();
        services.AddScoped<IOutboundQueue, OutboundQueue>();

        // Start-up recovery, recurring jobs, the export watchdog: all in one list. After AppInitializer (registered
        // first), so the schema exists when unfinished work is looked up.
        services.AddHostedService<BackgroundWork>();
        return services;
    }
}
