IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL
BEGIN
    CREATE TABLE [__EFMigrationsHistory] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
CREATE TABLE [AspNetRoles] (
    [Id] nvarchar(450) NOT NULL,
    [Name] nvarchar(256) NULL,
    [NormalizedName] nvarchar(256) NULL,
    [ConcurrencyStamp] nvarchar(max) NULL,
    CONSTRAINT [PK_AspNetRoles] PRIMARY KEY ([Id])
);

CREATE TABLE [DataProtectionKeys] (
    [Id] int NOT NULL IDENTITY,
    [FriendlyName] nvarchar(max) NULL,
    [Xml] nvarchar(max) NULL,
    CONSTRAINT [PK_DataProtectionKeys] PRIMARY KEY ([Id])
);

CREATE TABLE [SenderCodes] (
    [Id] int NOT NULL IDENTITY,
    [Code] nvarchar(20) NOT NULL,
    [Name] nvarchar(100) NOT NULL,
    [CountryCode] nvarchar(2) NOT NULL,
    [HelpText] nvarchar(480) NOT NULL,
    [CreatedUtc] datetime2 NOT NULL,
    CONSTRAINT [PK_SenderCodes] PRIMARY KEY ([Id])
);

CREATE TABLE [AspNetRoleClaims] (
    [Id] int NOT NULL IDENTITY,
    [RoleId] nvarchar(450) NOT NULL,
    [ClaimType] nvarchar(max) NULL,
    [ClaimValue] nvarchar(max) NULL,
    CONSTRAINT [PK_AspNetRoleClaims] PRIMARY KEY ([Id]),
    CONSTRAINT [FK_AspNetRoleClaims_AspNetRoles_RoleId] FOREIGN KEY ([RoleId]) REFERENCES [AspNetRoles] ([Id]) ON DELETE CASCADE
);

CREATE TABLE [AspNetUsers] (
    [Id] nvarchar(450) NOT NULL,
    [DisplayName] nvarchar(100) NOT NULL,
    [IsDisabled] bit NOT NULL,
    [SelectedSenderCodeId] int NULL,
    [CreatedUtc] datetime2 NOT NULL,
    [UserName] nvarchar(256) NULL,
    [NormalizedUserName] nvarchar(256) NULL,
    [Email] nvarchar(256) NULL,
    [NormalizedEmail] nvarchar(256) NULL,
    [EmailConfirmed] bit NOT NULL,
    [PasswordHash] nvarchar(max) NULL,
    [SecurityStamp] nvarchar(max) NULL,
    [ConcurrencyStamp] nvarchar(max) NULL,
    [PhoneNumber] nvarchar(max) NULL,
    [PhoneNumberConfirmed] bit NOT NULL,
    [TwoFactorEnabled] bit NOT NULL,
    [LockoutEnd] datetimeoffset NULL,
    [LockoutEnabled] bit NOT NULL,
    [AccessFailedCount] int NOT NULL,
    CONSTRAINT [PK_AspNetUsers] PRIMARY KEY ([Id]),
    CONSTRAINT [FK_AspNetUsers_SenderCodes_SelectedSenderCodeId] FOREIGN KEY ([SelectedSenderCodeId]) REFERENCES [SenderCodes] ([Id]) ON DELETE SET NULL
);

CREATE TABLE [Contacts] (
    [Id] bigint NOT NULL IDENTITY,
    [SenderCodeId] int NOT NULL,
    [Phone] nvarchar(16) NOT NULL,
    [Email] nvarchar(254) NULL,
    [FirstName] nvarchar(100) NULL,
    [LastName] nvarchar(100) NULL,
    [Birthday] date NULL,
    [PostalCode] nvarchar(20) NULL,
    [CreatedUtc] datetime2 NOT NULL,
    [UpdatedUtc] datetime2 NOT NULL,
    [OptedOutUtc] datetime2 NULL,
    [OptOutReason] int NULL,
    [OtherReply] nvarchar(1600) NULL,
    [OtherReplyUtc] datetime2 NULL,
    [LastMessageUtc] datetime2 NULL,
    [LastSendUtc] datetime2 NULL,
    [LastClickUtc] datetime2 NULL,
    [ComplianceLastSentUtc] datetime2 NULL,
    [Version] int NOT NULL,
    CONSTRAINT [PK_Contacts] PRIMARY KEY ([Id]),
    CONSTRAINT [FK_Contacts_SenderCodes_SenderCodeId] FOREIGN KEY ([SenderCodeId]) REFERENCES [SenderCodes] ([Id])
);

CREATE TABLE [CustomFields] (
    [Id] int NOT NULL IDENTITY,
    [SenderCodeId] int NOT NULL,
    [Name] nvarchar(60) NOT NULL,
    [Type] int NOT NULL,
    [CreatedUtc] datetime2 NOT NULL,
    CONSTRAINT [PK_CustomFields] PRIMARY KEY ([Id]),
    CONSTRAINT [FK_CustomFields_SenderCodes_SenderCodeId] FOREIGN KEY ([SenderCodeId]) REFERENCES [SenderCodes] ([Id])
);

CREATE TABLE [Exports] (
    [Id] uniqueidentifier NOT NULL,
    [SenderCodeId] int NOT NULL,
    [Kind] int NOT NULL,
    [ListId] int NULL,
    [Reason] int NULL,
    [PhoneSearch] nvarchar(40) NULL,
    [RequestedByUserId] nvarchar(450) NOT NULL,
    [RecipientUserId] nvarchar(450) NOT NULL,
    [RecipientEmail] nvarchar(256) NOT NULL,
    [Status] int NOT NULL,
    [RowCount] int NOT NULL,
    [TokenHash] varbinary(32) NULL,
    [StoredFileName] nvarchar(100) NULL,
    [CreatedUtc] datetime2 NOT NULL,
    [CompletedUtc] datetime2 NULL,
    [ExpiresUtc] datetime2 NULL,
    [Error] nvarchar(2000) NULL,
    CONSTRAINT [PK_Exports] PRIMARY KEY ([Id]),
    CONSTRAINT [FK_Exports_SenderCodes_SenderCodeId] FOREIGN KEY ([SenderCodeId]) REFERENCES [SenderCodes] ([Id])
);

CREATE TABLE [Imports] (
    [Id] uniqueidentifier NOT NULL,
    [SenderCodeId] int NOT NULL,
    [UserId] nvarchar(450) NOT NULL,
    [UserName] nvarchar(256) NOT NULL,
    [OriginalFileName] nvarchar(260) NOT NULL,
    [StoredFileName] nvarchar(100) NOT NULL,
    [FileSize] bigint NOT NULL,
    [Encoding] nvarchar(20) NOT NULL,
    [Delimiter] nvarchar(1) NOT NULL,
    [EnterJourneys] bit NOT NULL,
    [Action] int NOT NULL,
    [ListId] int NULL,
    [ListName] nvarchar(100) NULL,
    [FieldUpdateMode] int NOT NULL,
    [StoreAsDoubleOptIn] bit NOT NULL,
    [OverrideOptInStatus] bit NOT NULL,
    [CartAbandonmentConsent] bit NOT NULL,
    [OverrideMarketingConsent] bit NOT NULL,
    [TextQualifier] int NOT NULL,
    [FirstLineHasColumnNames] bit NOT NULL,
    [ColumnMapping] nvarchar(max) NOT NULL,
    [Status] int NOT NULL,
    [CreatedUtc] datetime2 NOT NULL,
    [StartedUtc] datetime2 NULL,
    [CompletedUtc] datetime2 NULL,
    [Error] nvarchar(2000) NULL,
    [CheckpointBytes] bigint NOT NULL,
    [CheckpointLine] bigint NOT NULL,
    [Processed] int NOT NULL,
    [OptedIn] int NOT NULL,
    [Updated] int NOT NULL,
    [OptedOut] int NOT NULL,
    [IgnoredOptedOut] int NOT NULL,
    [IgnoredBanned] int NOT NULL,
    [Rejected] int NOT NULL,
    CONSTRAINT [PK_Imports] PRIMARY KEY ([Id]),
    CONSTRAINT [FK_Imports_SenderCodes_SenderCodeId] FOREIGN KEY ([SenderCodeId]) REFERENCES [SenderCodes] ([Id])
);

CREATE TABLE [Lists] (
    [Id] int NOT NULL IDENTITY,
    [SenderCodeId] int NOT NULL,
    [Name] nvarchar(100) NOT NULL,
    [DoubleOptIn] bit NOT NULL,
    [WelcomeMessage] nvarchar(480) NULL,
    [CreatedUtc] datetime2 NOT NULL,
    CONSTRAINT [PK_Lists] PRIMARY KEY ([Id]),
    CONSTRAINT [FK_Lists_SenderCodes_SenderCodeId] FOREIGN KEY ([SenderCodeId]) REFERENCES [SenderCodes] ([Id])
);

CREATE TABLE [AspNetUserClaims] (
    [Id] int NOT NULL IDENTITY,
    [UserId] nvarchar(450) NOT NULL,
    [ClaimType] nvarchar(max) NULL,
    [ClaimValue] nvarchar(max) NULL,
    CONSTRAINT [PK_AspNetUserClaims] PRIMARY KEY ([Id]),
    CONSTRAINT [FK_AspNetUserClaims_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
);

CREATE TABLE [AspNetUserLogins] (
    [LoginProvider] nvarchar(450) NOT NULL,
    [ProviderKey] nvarchar(450) NOT NULL,
    [ProviderDisplayName] nvarchar(max) NULL,
    [UserId] nvarchar(450) NOT NULL,
    CONSTRAINT [PK_AspNetUserLogins] PRIMARY KEY ([LoginProvider], [ProviderKey]),
    CONSTRAINT [FK_AspNetUserLogins_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
);

CREATE TABLE [AspNetUserRoles] (
    [UserId] nvarchar(450) NOT NULL,
    [RoleId] nvarchar(450) NOT NULL,
    CONSTRAINT [PK_AspNetUserRoles] PRIMARY KEY ([UserId], [RoleId]),
    CONSTRAINT [FK_AspNetUserRoles_AspNetRoles_RoleId] FOREIGN KEY ([RoleId]) REFERENCES [AspNetRoles] ([Id]) ON DELETE CASCADE,
    CONSTRAINT [FK_AspNetUserRoles_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
);

CREATE TABLE [AspNetUserTokens] (
    [UserId] nvarchar(450) NOT NULL,
    [LoginProvider] nvarchar(450) NOT NULL,
    [Name] nvarchar(450) NOT NULL,
    [Value] nvarchar(max) NULL,
    CONSTRAINT [PK_AspNetUserTokens] PRIMARY KEY ([UserId], [LoginProvider], [Name]),
    CONSTRAINT [FK_AspNetUserTokens_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
);

CREATE TABLE [UserColumnPreferences] (
    [UserId] nvarchar(450) NOT NULL,
    [Grid] nvarchar(40) NOT NULL,
    [HiddenColumns] nvarchar(400) NOT NULL,
    CONSTRAINT [PK_UserColumnPreferences] PRIMARY KEY ([UserId], [Grid]),
    CONSTRAINT [FK_UserColumnPreferences_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
);

CREATE TABLE [ConsentEvents] (
    [Id] bigint NOT NULL IDENTITY,
    [SenderCodeId] int NOT NULL,
    [ContactId] bigint NOT NULL,
    [Phone] nvarchar(16) NOT NULL,
    [OccurredUtc] datetime2 NOT NULL,
    [Change] nvarchar(40) NOT NULL,
    [ListId] int NULL,
    [ListName] nvarchar(100) NULL,
    [StateBefore] nvarchar(100) NOT NULL,
    [StateAfter] nvarchar(100) NOT NULL,
    [Source] int NOT NULL,
    [UserId] nvarchar(450) NULL,
    [UserName] nvarchar(256) NULL,
    [MessageSid] nvarchar(64) NULL,
    [ImportId] uniqueidentifier NULL,
    CONSTRAINT [PK_ConsentEvents] PRIMARY KEY ([Id]),
    CONSTRAINT [FK_ConsentEvents_Contacts_ContactId] FOREIGN KEY ([ContactId]) REFERENCES [Contacts] ([Id]) ON DELETE NO ACTION
);

CREATE TABLE [Messages] (
    [Id] bigint NOT NULL IDENTITY,
    [SenderCodeId] int NOT NULL,
    [ContactId] bigint NULL,
    [Phone] nvarchar(16) NOT NULL,
    [Direction] int NOT NULL,
    [Body] nvarchar(1600) NOT NULL,
    [CreatedUtc] datetime2 NOT NULL,
    [DeliveredUtc] datetime2 NULL,
    [Status] int NOT NULL,
    [ProviderMessageId] nvarchar(64) NULL,
    [ErrorCode] nvarchar(16) NULL,
    CONSTRAINT [PK_Messages] PRIMARY KEY ([Id]),
    CONSTRAINT [FK_Messages_Contacts_ContactId] FOREIGN KEY ([ContactId]) REFERENCES [Contacts] ([Id]),
    CONSTRAINT [FK_Messages_SenderCodes_SenderCodeId] FOREIGN KEY ([SenderCodeId]) REFERENCES [SenderCodes] ([Id])
);

CREATE TABLE [CustomFieldValues] (
    [ContactId] bigint NOT NULL,
    [FieldId] int NOT NULL,
    [Value] nvarchar(500) NOT NULL,
    CONSTRAINT [PK_CustomFieldValues] PRIMARY KEY ([ContactId], [FieldId]),
    CONSTRAINT [FK_CustomFieldValues_Contacts_ContactId] FOREIGN KEY ([ContactId]) REFERENCES [Contacts] ([Id]) ON DELETE CASCADE,
    CONSTRAINT [FK_CustomFieldValues_CustomFields_FieldId] FOREIGN KEY ([FieldId]) REFERENCES [CustomFields] ([Id]) ON DELETE CASCADE
);

CREATE TABLE [ImportRejectedRows] (
    [Id] bigint NOT NULL IDENTITY,
    [ImportId] uniqueidentifier NOT NULL,
    [LineNumber] bigint NOT NULL,
    [Phone] nvarchar(100) NOT NULL,
    [Reason] nvarchar(200) NOT NULL,
    [RawLine] nvarchar(4000) NOT NULL,
    CONSTRAINT [PK_ImportRejectedRows] PRIMARY KEY ([Id]),
    CONSTRAINT [FK_ImportRejectedRows_Imports_ImportId] FOREIGN KEY ([ImportId]) REFERENCES [Imports] ([Id]) ON DELETE CASCADE
);

CREATE TABLE [ListKeywords] (
    [Id] int NOT NULL IDENTITY,
    [SenderCodeId] int NOT NULL,
    [ListId] int NOT NULL,
    [Keyword] nvarchar(30) NOT NULL,
    CONSTRAINT [PK_ListKeywords] PRIMARY KEY ([Id]),
    CONSTRAINT [FK_ListKeywords_Lists_ListId] FOREIGN KEY ([ListId]) REFERENCES [Lists] ([Id]) ON DELETE CASCADE,
    CONSTRAINT [FK_ListKeywords_SenderCodes_SenderCodeId] FOREIGN KEY ([SenderCodeId]) REFERENCES [SenderCodes] ([Id])
);

CREATE TABLE [Subscriptions] (
    [Id] bigint NOT NULL IDENTITY,
    [SenderCodeId] int NOT NULL,
    [ContactId] bigint NOT NULL,
    [ListId] int NOT NULL,
    [Phone] nvarchar(16) NOT NULL,
    [Status] int NOT NULL,
    [SubscribedUtc] datetime2 NOT NULL,
    [Method] int NOT NULL,
    [Keyword] nvarchar(30) NULL,
    [MarketingConsent] bit NOT NULL,
    [CartAbandonmentConsent] bit NOT NULL,
    [ConfirmedUtc] datetime2 NULL,
    CONSTRAINT [PK_Subscriptions] PRIMARY KEY ([Id]),
    CONSTRAINT [FK_Subscriptions_Contacts_ContactId] FOREIGN KEY ([ContactId]) REFERENCES [Contacts] ([Id]) ON DELETE CASCADE,
    CONSTRAINT [FK_Subscriptions_Lists_ListId] FOREIGN KEY ([ListId]) REFERENCES [Lists] ([Id]) ON DELETE CASCADE,
    CONSTRAINT [FK_Subscriptions_SenderCodes_SenderCodeId] FOREIGN KEY ([SenderCodeId]) REFERENCES [SenderCodes] ([Id])
);

CREATE TABLE [SuspendedSubscriptions] (
    [Id] bigint NOT NULL IDENTITY,
    [ContactId] bigint NOT NULL,
    [ListId] int NOT NULL,
    [SubscribedUtc] datetime2 NOT NULL,
    [Method] int NOT NULL,
    [Keyword] nvarchar(30) NULL,
    [MarketingConsent] bit NOT NULL,
    [CartAbandonmentConsent] bit NOT NULL,
    [SuspendedUtc] datetime2 NOT NULL,
    CONSTRAINT [PK_SuspendedSubscriptions] PRIMARY KEY ([Id]),
    CONSTRAINT [FK_SuspendedSubscriptions_Contacts_ContactId] FOREIGN KEY ([ContactId]) REFERENCES [Contacts] ([Id]) ON DELETE CASCADE,
    CONSTRAINT [FK_SuspendedSubscriptions_Lists_ListId] FOREIGN KEY ([ListId]) REFERENCES [Lists] ([Id]) ON DELETE CASCADE
);

CREATE INDEX [IX_AspNetRoleClaims_RoleId] ON [AspNetRoleClaims] ([RoleId]);

CREATE UNIQUE INDEX [RoleNameIndex] ON [AspNetRoles] ([NormalizedName]) WHERE [NormalizedName] IS NOT NULL;

CREATE INDEX [IX_AspNetUserClaims_UserId] ON [AspNetUserClaims] ([UserId]);

CREATE INDEX [IX_AspNetUserLogins_UserId] ON [AspNetUserLogins] ([UserId]);

CREATE INDEX [IX_AspNetUserRoles_RoleId] ON [AspNetUserRoles] ([RoleId]);

CREATE INDEX [EmailIndex] ON [AspNetUsers] ([NormalizedEmail]);

CREATE INDEX [IX_AspNetUsers_SelectedSenderCodeId] ON [AspNetUsers] ([SelectedSenderCodeId]);

CREATE UNIQUE INDEX [UserNameIndex] ON [AspNetUsers] ([NormalizedUserName]) WHERE [NormalizedUserName] IS NOT NULL;

CREATE INDEX [IX_ConsentEvents_ContactId_OccurredUtc] ON [ConsentEvents] ([ContactId], [OccurredUtc]);

CREATE INDEX [IX_Contacts_SenderCodeId_Email] ON [Contacts] ([SenderCodeId], [Email]);

CREATE INDEX [IX_Contacts_SenderCodeId_OptedOutUtc] ON [Contacts] ([SenderCodeId], [OptedOutUtc]);

CREATE INDEX [IX_Contacts_SenderCodeId_OptOutReason_OptedOutUtc] ON [Contacts] ([SenderCodeId], [OptOutReason], [OptedOutUtc]);

CREATE INDEX [IX_Contacts_SenderCodeId_OtherReplyUtc] ON [Contacts] ([SenderCodeId], [OtherReplyUtc]);

CREATE UNIQUE INDEX [IX_Contacts_SenderCodeId_Phone] ON [Contacts] ([SenderCodeId], [Phone]);

CREATE UNIQUE INDEX [IX_CustomFields_SenderCodeId_Name] ON [CustomFields] ([SenderCodeId], [Name]);

CREATE INDEX [IX_CustomFieldValues_FieldId] ON [CustomFieldValues] ([FieldId]);

CREATE INDEX [IX_Exports_SenderCodeId_CreatedUtc] ON [Exports] ([SenderCodeId], [CreatedUtc]);

CREATE UNIQUE INDEX [IX_Exports_TokenHash] ON [Exports] ([TokenHash]) WHERE [TokenHash] IS NOT NULL;

CREATE UNIQUE INDEX [IX_ImportRejectedRows_ImportId_LineNumber] ON [ImportRejectedRows] ([ImportId], [LineNumber]);

CREATE INDEX [IX_Imports_SenderCodeId_CreatedUtc] ON [Imports] ([SenderCodeId], [CreatedUtc]);

CREATE INDEX [IX_ListKeywords_ListId] ON [ListKeywords] ([ListId]);

CREATE UNIQUE INDEX [IX_ListKeywords_SenderCodeId_Keyword] ON [ListKeywords] ([SenderCodeId], [Keyword]);

CREATE UNIQUE INDEX [IX_Lists_SenderCodeId_Name] ON [Lists] ([SenderCodeId], [Name]);

CREATE INDEX [IX_Messages_ContactId_CreatedUtc] ON [Messages] ([ContactId], [CreatedUtc]);

CREATE UNIQUE INDEX [IX_Messages_ProviderMessageId] ON [Messages] ([ProviderMessageId]) WHERE [ProviderMessageId] IS NOT NULL;

CREATE INDEX [IX_Messages_SenderCodeId] ON [Messages] ([SenderCodeId]);

CREATE UNIQUE INDEX [IX_SenderCodes_Code] ON [SenderCodes] ([Code]);

CREATE UNIQUE INDEX [IX_Subscriptions_ContactId_ListId] ON [Subscriptions] ([ContactId], [ListId]);

CREATE INDEX [IX_Subscriptions_ListId_Phone] ON [Subscriptions] ([ListId], [Phone]);

CREATE INDEX [IX_Subscriptions_ListId_SubscribedUtc] ON [Subscriptions] ([ListId], [SubscribedUtc]);

CREATE INDEX [IX_Subscriptions_SenderCodeId_Phone] ON [Subscriptions] ([SenderCodeId], [Phone]);

CREATE INDEX [IX_Subscriptions_SenderCodeId_SubscribedUtc] ON [Subscriptions] ([SenderCodeId], [SubscribedUtc]);

CREATE UNIQUE INDEX [IX_SuspendedSubscriptions_ContactId_ListId] ON [SuspendedSubscriptions] ([ContactId], [ListId]);

CREATE INDEX [IX_SuspendedSubscriptions_ListId] ON [SuspendedSubscriptions] ([ListId]);

CREATE TRIGGER [ConsentEvents_NoUpdate] ON [ConsentEvents] INSTEAD OF UPDATE AS BEGIN THROW 51000, 'ConsentEvents is append-only', 1; END

CREATE TRIGGER [ConsentEvents_NoDelete] ON [ConsentEvents] INSTEAD OF DELETE AS BEGIN THROW 51000, 'ConsentEvents is append-only', 1; END

INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
VALUES (N'20261126064544_InitialCreate', N'10.0.15');

COMMIT;
GO

BEGIN TRANSACTION;
ALTER TABLE [Exports] ADD [StartedUtc] datetime2 NULL;

INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
VALUES (N'20261126065701_Issue5Exports', N'10.0.15');

COMMIT;
GO

BEGIN TRANSACTION;
DROP INDEX [IX_Contacts_SenderCodeId_OtherReplyUtc] ON [Contacts];

ALTER TABLE [Contacts] ADD [PhoneDigitsReversed] nvarchar(15) NOT NULL DEFAULT N'';

CREATE INDEX [IX_Contacts_SenderCodeId_OtherReplyUtc_OptedOutUtc] ON [Contacts] ([SenderCodeId], [OtherReplyUtc], [OptedOutUtc]);

CREATE INDEX [IX_Contacts_SenderCodeId_PhoneDigitsReversed] ON [Contacts] ([SenderCodeId], [PhoneDigitsReversed]);

INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
VALUES (N'20261126071759_GridSearchIndexes', N'10.0.15');

COMMIT;
GO

BEGIN TRANSACTION;
DROP INDEX [IX_Contacts_SenderCodeId_OptedOutUtc] ON [Contacts];

DROP INDEX [IX_Contacts_SenderCodeId_OptOutReason_OptedOutUtc] ON [Contacts];

DROP INDEX [IX_Contacts_SenderCodeId_OtherReplyUtc_OptedOutUtc] ON [Contacts];

CREATE INDEX [IX_Contacts_OtherContacts] ON [Contacts] ([SenderCodeId], [LastMessageUtc]) WHERE "OtherReplyUtc" IS NOT NULL AND "OptedOutUtc" IS NULL;

CREATE INDEX [IX_Contacts_SenderCodeId_OptedOutUtc] ON [Contacts] ([SenderCodeId], [OptedOutUtc]) WHERE "OptedOutUtc" IS NOT NULL;

CREATE INDEX [IX_Contacts_SenderCodeId_OptOutReason_OptedOutUtc] ON [Contacts] ([SenderCodeId], [OptOutReason], [OptedOutUtc]) WHERE "OptedOutUtc" IS NOT NULL;

INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
VALUES (N'20261126074245_PartialIndexesForOptedOutAndOther', N'10.0.15');

COMMIT;
GO

BEGIN TRANSACTION;
CREATE INDEX [IX_Messages_Queued] ON [Messages] ([Status]) WHERE Status = 0;

INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
VALUES (N'20261126075758_Issue6OutboundQueue', N'10.0.15');

COMMIT;
GO

BEGIN TRANSACTION;
ALTER TABLE [Imports] ADD [DateOrder] int NOT NULL DEFAULT 0;

INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
VALUES (N'20261126120330_ImportDateOrder', N'10.0.15');

COMMIT;
GO

BEGIN TRANSACTION;
ALTER TABLE [Imports] ADD [AwaitingConfirmation] int NOT NULL DEFAULT 0;

ALTER TABLE [Imports] ADD [Duplicates] int NOT NULL DEFAULT 0;

ALTER TABLE [Imports] ADD [OptedInWithFieldUpdates] int NOT NULL DEFAULT 0;

ALTER TABLE [Imports] ADD [Skipped] int NOT NULL DEFAULT 0;

ALTER TABLE [Imports] ADD [Unchanged] int NOT NULL DEFAULT 0;

INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
VALUES (N'20261130233707_ImportOutcomeCounts', N'10.0.15');

COMMIT;
GO

BEGIN TRANSACTION;
UPDATE [Contacts] SET [PhoneDigitsReversed] = REVERSE(SUBSTRING([Phone], 2, 15)) WHERE [PhoneDigitsReversed] <> REVERSE(SUBSTRING([Phone], 2, 15))

ALTER TABLE [Contacts] ADD CONSTRAINT [CK_Contacts_PhoneDigitsReversed] CHECK ([PhoneDigitsReversed] = REVERSE(SUBSTRING([Phone], 2, 15)))

INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
VALUES (N'20261130233733_FillAndGuardPhoneDigitsReversed', N'10.0.15');

COMMIT;
GO

BEGIN TRANSACTION;
CREATE TABLE [SignInThrottles] (
    [Key] nvarchar(200) NOT NULL,
    [Failures] int NOT NULL,
    [LastFailureUtc] datetime2 NOT NULL,
    CONSTRAINT [PK_SignInThrottles] PRIMARY KEY ([Key])
);

CREATE INDEX [IX_SignInThrottles_LastFailureUtc] ON [SignInThrottles] ([LastFailureUtc]);

INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
VALUES (N'20261130233812_AddSignInThrottles', N'10.0.15');

COMMIT;
GO

BEGIN TRANSACTION;
ALTER TABLE [Imports] ADD [BlankLines] int NOT NULL DEFAULT 0;

ALTER TABLE [Imports] ADD [DetectionNotes] nvarchar(2000) NULL;

ALTER TABLE [Imports] ADD [HeaderLines] int NOT NULL DEFAULT 0;

ALTER TABLE [Imports] ADD [WarningRows] int NOT NULL DEFAULT 0;

CREATE TABLE [ImportWarningRows] (
    [Id] bigint NOT NULL IDENTITY,
    [ImportId] uniqueidentifier NOT NULL,
    [LineNumber] bigint NOT NULL,
    [Phone] nvarchar(100) NOT NULL,
    [Message] nvarchar(200) NOT NULL,
    [RawLine] nvarchar(4000) NOT NULL,
    CONSTRAINT [PK_ImportWarningRows] PRIMARY KEY ([Id]),
    CONSTRAINT [FK_ImportWarningRows_Imports_ImportId] FOREIGN KEY ([ImportId]) REFERENCES [Imports] ([Id]) ON DELETE CASCADE
);

CREATE UNIQUE INDEX [IX_ImportWarningRows_ImportId_LineNumber] ON [ImportWarningRows] ([ImportId], [LineNumber]);

INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
VALUES (N'20261130233926_AddImportLineCountsAndWarningRows', N'10.0.15');

COMMIT;
GO

BEGIN TRANSACTION;
DROP INDEX [IX_ListKeywords_SenderCodeId_Keyword] ON [ListKeywords];

ALTER TABLE [SenderCodes] ADD [ExtraHelpWords] nvarchar(500) NULL;

ALTER TABLE [SenderCodes] ADD [ExtraOptInWords] nvarchar(500) NULL;

ALTER TABLE [SenderCodes] ADD [ExtraOptOutWords] nvarchar(500) NULL;

ALTER TABLE [SenderCodes] ADD [OptOutConfirmation] nvarchar(320) NULL;

ALTER TABLE [Messages] ADD [ApplyPendingSinceUtc] datetime2 NULL;

ALTER TABLE [Messages] ADD [IsOptOutConfirmation] bit NOT NULL DEFAULT CAST(0 AS bit);

ALTER TABLE [Messages] ADD [OptOutType] nvarchar(16) NULL;

ALTER TABLE [ListKeywords] ADD [MatchKey] nvarchar(30) NOT NULL DEFAULT N'';

EXEC(N'UPDATE [ListKeywords] SET [MatchKey] = [Keyword];')

ALTER TABLE [ConsentEvents] ADD [Detail] nvarchar(2000) NULL;

CREATE TABLE [OptOutReviews] (
    [Id] bigint NOT NULL IDENTITY,
    [SenderCodeId] int NOT NULL,
    [MessageId] bigint NOT NULL,
    [Phone] nvarchar(16) NOT NULL,
    [ContactId] bigint NULL,
    [Reason] nvarchar(300) NOT NULL,
    [CreatedUtc] datetime2 NOT NULL,
    [DecidedUtc] datetime2 NULL,
    [Decision] int NULL,
    [DecidedByUserId] nvarchar(450) NULL,
    [DecidedByUserName] nvarchar(256) NULL,
    CONSTRAINT [PK_OptOutReviews] PRIMARY KEY ([Id]),
    CONSTRAINT [FK_OptOutReviews_Contacts_ContactId] FOREIGN KEY ([ContactId]) REFERENCES [Contacts] ([Id]),
    CONSTRAINT [FK_OptOutReviews_Messages_MessageId] FOREIGN KEY ([MessageId]) REFERENCES [Messages] ([Id]),
    CONSTRAINT [FK_OptOutReviews_SenderCodes_SenderCodeId] FOREIGN KEY ([SenderCodeId]) REFERENCES [SenderCodes] ([Id])
);

CREATE INDEX [IX_Messages_ApplyPending] ON [Messages] ([SenderCodeId], [Phone], [Id]) WHERE "ApplyPendingSinceUtc" IS NOT NULL;

CREATE UNIQUE INDEX [IX_ListKeywords_SenderCodeId_MatchKey] ON [ListKeywords] ([SenderCodeId], [MatchKey]);

CREATE INDEX [IX_OptOutReviews_ContactId] ON [OptOutReviews] ([ContactId]);

CREATE UNIQUE INDEX [IX_OptOutReviews_MessageId] ON [OptOutReviews] ([MessageId]);

CREATE INDEX [IX_OptOutReviews_Open] ON [OptOutReviews] ([SenderCodeId], [CreatedUtc]) WHERE "DecidedUtc" IS NULL;

CREATE INDEX [IX_OptOutReviews_SenderCodeId_DecidedUtc] ON [OptOutReviews] ([SenderCodeId], [DecidedUtc]);

INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
VALUES (N'20261201002715_OptOutWordsReviewsAndStoredInboundTexts', N'10.0.15');

COMMIT;
GO

BEGIN TRANSACTION;
DROP INDEX [IX_Subscriptions_ListId_Phone] ON [Subscriptions];

DROP INDEX [IX_Subscriptions_ListId_SubscribedUtc] ON [Subscriptions];

DROP INDEX [IX_Subscriptions_SenderCodeId_Phone] ON [Subscriptions];

DROP INDEX [IX_Subscriptions_SenderCodeId_SubscribedUtc] ON [Subscriptions];

DROP INDEX [IX_Contacts_OtherContacts] ON [Contacts];

DROP INDEX [IX_Contacts_SenderCodeId_Email] ON [Contacts];

DROP INDEX [IX_Contacts_SenderCodeId_OptedOutUtc] ON [Contacts];

DROP INDEX [IX_Contacts_SenderCodeId_OptOutReason_OptedOutUtc] ON [Contacts];

DROP INDEX [IX_Contacts_SenderCodeId_PhoneDigitsReversed] ON [Contacts];

ALTER TABLE [Subscriptions] ADD [EmailBlock] nvarchar(4) NULL;

CREATE TABLE [SubscriptionCounts] (
    [ListId] int NOT NULL,
    [HasEmail] bit NOT NULL,
    [Block] nvarchar(5) NOT NULL,
    [SenderCodeId] int NOT NULL,
    [Subscriptions] int NOT NULL,
    CONSTRAINT [PK_SubscriptionCounts] PRIMARY KEY ([ListId], [HasEmail], [Block]),
    CONSTRAINT [FK_SubscriptionCounts_Lists_ListId] FOREIGN KEY ([ListId]) REFERENCES [Lists] ([Id]) ON DELETE CASCADE,
    CONSTRAINT [FK_SubscriptionCounts_SenderCodes_SenderCodeId] FOREIGN KEY ([SenderCodeId]) REFERENCES [SenderCodes] ([Id])
);

CREATE INDEX [IX_Subscriptions_Grid_ListSubscribeDate] ON [Subscriptions] ([ListId], [SubscribedUtc], [Phone]);

CREATE INDEX [IX_Subscriptions_Grid_SubscribeDate] ON [Subscriptions] ([SenderCodeId], [SubscribedUtc], [Phone]);

CREATE INDEX [IX_Subscriptions_ListId_Phone] ON [Subscriptions] ([ListId], [Phone], [EmailBlock]);

CREATE INDEX [IX_Subscriptions_SenderCodeId_Phone] ON [Subscriptions] ([SenderCodeId], [Phone], [EmailBlock]);

CREATE INDEX [IX_Contacts_Grid_Email] ON [Contacts] ([SenderCodeId], [Email], [Phone]);

CREATE INDEX [IX_Contacts_Grid_OptedOutDate] ON [Contacts] ([SenderCodeId], [OptedOutUtc], [Phone]) WHERE "OptedOutUtc" IS NOT NULL;

CREATE INDEX [IX_Contacts_Grid_OptedOutEmail] ON [Contacts] ([SenderCodeId], [Email], [Phone], [OptOutReason]) WHERE "OptedOutUtc" IS NOT NULL;

CREATE INDEX [IX_Contacts_Grid_OptedOutPhone] ON [Contacts] ([SenderCodeId], [Phone], [OptOutReason]) WHERE "OptedOutUtc" IS NOT NULL;

CREATE INDEX [IX_Contacts_Grid_OptedOutReason] ON [Contacts] ([SenderCodeId], [OptOutReason], [OptedOutUtc], [Phone]) WHERE "OptedOutUtc" IS NOT NULL;

CREATE INDEX [IX_Contacts_Grid_OtherEmail] ON [Contacts] ([SenderCodeId], [Email], [Phone]) WHERE "OtherReplyUtc" IS NOT NULL AND "OptedOutUtc" IS NULL;

CREATE INDEX [IX_Contacts_Grid_OtherPhone] ON [Contacts] ([SenderCodeId], [Phone]) WHERE "OtherReplyUtc" IS NOT NULL AND "OptedOutUtc" IS NULL;

CREATE INDEX [IX_Contacts_OtherContacts] ON [Contacts] ([SenderCodeId], [LastMessageUtc], [Phone]) WHERE "OtherReplyUtc" IS NOT NULL AND "OptedOutUtc" IS NULL;

CREATE INDEX [IX_SubscriptionCounts_SenderCodeId_HasEmail_Block] ON [SubscriptionCounts] ([SenderCodeId], [HasEmail], [Block]);

CREATE TABLE [SubscriptionPhoneSuffixes] (
    [SenderCodeId] int NOT NULL,
    [Suffix] nvarchar(15) COLLATE Latin1_General_BIN2 NOT NULL,
    [SubscriptionId] bigint NOT NULL,
    [ListId] int NOT NULL,
    CONSTRAINT [PK_SubscriptionPhoneSuffixes] PRIMARY KEY CLUSTERED ([SenderCodeId], [Suffix], [SubscriptionId]));

INSERT INTO SubscriptionPhoneSuffixes (SenderCodeId, Suffix, SubscriptionId, ListId)
SELECT s.SenderCodeId, SUBSTRING(s.Phone, n.Start, 15), s.Id, s.ListId
FROM Subscriptions AS s CROSS JOIN (VALUES (2), (3), (4), (5), (6), (7), (8), (9), (10), (11), (12), (13), (14)) AS n (Start)
WHERE n.Start <= LEN(s.Phone) - 2;

UPDATE s SET s.EmailBlock = LEFT(c.Email, 4) FROM Subscriptions AS s JOIN Contacts AS c ON c.Id = s.ContactId;
INSERT INTO SubscriptionCounts (ListId, SenderCodeId, HasEmail, Block, Subscriptions)
SELECT x.ListId, MIN(x.SenderCodeId), x.HasEmail, x.Block, COUNT(*)
FROM (SELECT s.ListId, s.SenderCodeId, CASE WHEN s.EmailBlock IS NULL THEN 0 ELSE 1 END AS HasEmail,
             COALESCE(s.EmailBlock, LEFT(s.Phone, 5)) AS Block
      FROM Subscriptions AS s) AS x
GROUP BY x.ListId, x.HasEmail, x.Block;

EXEC(N'CREATE TRIGGER [Subscriptions_PhoneSearch] ON [Subscriptions] AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM inserted) AND EXISTS (SELECT 1 FROM deleted)
        AND NOT (UPDATE(Phone) OR UPDATE(SenderCodeId) OR UPDATE(ListId)) RETURN;
    DELETE x FROM SubscriptionPhoneSuffixes AS x
    JOIN deleted AS d ON x.SenderCodeId = d.SenderCodeId AND x.SubscriptionId = d.Id
    CROSS JOIN (VALUES (2), (3), (4), (5), (6), (7), (8), (9), (10), (11), (12), (13), (14)) AS n (Start)
    WHERE n.Start <= LEN(d.Phone) - 2 AND x.Suffix = SUBSTRING(d.Phone, n.Start, 15);
    INSERT INTO SubscriptionPhoneSuffixes (SenderCodeId, Suffix, SubscriptionId, ListId)
    SELECT i.SenderCodeId, SUBSTRING(i.Phone, n.Start, 15), i.Id, i.ListId
    FROM inserted AS i CROSS JOIN (VALUES (2), (3), (4), (5), (6), (7), (8), (9), (10), (11), (12), (13), (14)) AS n (Start)
    WHERE n.Start <= LEN(i.Phone) - 2;
END');

EXEC(N'CREATE TRIGGER [Contacts_EmailBlock] ON [Contacts] AFTER UPDATE AS
BEGIN
    SET NOCOUNT ON;
    IF NOT UPDATE(Email) RETURN;
    UPDATE s SET s.EmailBlock = LEFT(i.Email, 4)
    FROM Subscriptions AS s JOIN inserted AS i ON s.ContactId = i.Id
    WHERE NOT EXISTS (SELECT s.EmailBlock INTERSECT SELECT LEFT(i.Email, 4));
END');

EXEC(N'CREATE TRIGGER [Subscriptions_Count] ON [Subscriptions] AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    IF TRIGGER_NESTLEVEL(@@PROCID) > 1 RETURN;
    IF EXISTS (SELECT 1 FROM inserted) AND EXISTS (SELECT 1 FROM deleted)
        AND NOT (UPDATE(ListId) OR UPDATE(EmailBlock) OR UPDATE(Phone) OR UPDATE(ContactId)) RETURN;
    UPDATE s SET s.EmailBlock = LEFT(c.Email, 4)
    FROM Subscriptions AS s JOIN inserted AS i ON i.Id = s.Id JOIN Contacts AS c ON c.Id = s.ContactId
    LEFT JOIN deleted AS d ON d.Id = i.Id
    WHERE (d.Id IS NULL OR d.ContactId <> i.ContactId)
    AND NOT EXISTS (SELECT s.EmailBlock INTERSECT SELECT LEFT(c.Email, 4));
    MERGE INTO SubscriptionCounts WITH (HOLDLOCK) AS t
    USING (
        SELECT x.ListId, MIN(x.SenderCodeId) AS SenderCodeId, x.HasEmail, x.Block, SUM(x.Delta) AS Delta
        FROM (
            SELECT s.ListId, s.SenderCodeId, CASE WHEN s.EmailBlock IS NULL THEN 0 ELSE 1 END AS HasEmail,
                COALESCE(s.EmailBlock, LEFT(s.Phone, 5)) AS Block, 1 AS Delta
            FROM Subscriptions AS s JOIN inserted AS i ON i.Id = s.Id
            UNION ALL
            SELECT d.ListId, d.SenderCodeId, CASE WHEN d.EmailBlock IS NULL THEN 0 ELSE 1 END AS HasEmail,
                COALESCE(d.EmailBlock, LEFT(d.Phone, 5)) AS Block, -1 AS Delta
            FROM deleted AS d) AS x
        GROUP BY x.ListId, x.HasEmail, x.Block
        HAVING SUM(x.Delta) <> 0) AS change
    ON t.ListId = change.ListId AND t.HasEmail = change.HasEmail AND t.Block = change.Block
    WHEN MATCHED THEN UPDATE SET t.Subscriptions = t.Subscriptions + change.Delta
    WHEN NOT MATCHED BY TARGET AND change.Delta > 0 THEN
        INSERT (ListId, SenderCodeId, HasEmail, Block, Subscriptions)
        VALUES (change.ListId, change.SenderCodeId, change.HasEmail, change.Block, change.Delta);
END');

INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
VALUES (N'20261201013110_GridIndexesPhoneSearchAndCounts', N'10.0.15');

COMMIT;
GO

BEGIN TRANSACTION;
ALTER TABLE [Imports] ADD [ContinuationLines] int NOT NULL DEFAULT 0;

ALTER TABLE [Imports] ADD [FileLines] int NOT NULL DEFAULT 0;

ALTER TABLE [Imports] ADD [RowReportsDeletedUtc] datetime2 NULL;

ALTER TABLE [Imports] ADD [SettingsSavedUtc] datetime2 NULL;

UPDATE Imports SET SettingsSavedUtc = CreatedUtc WHERE Status <> 0 OR ListId IS NOT NULL OR Action = 2

INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
VALUES (N'20261201013223_AddImportLineTotalsSettingsStepAndReportRetention', N'10.0.15');

COMMIT;
GO

BEGIN TRANSACTION;
ALTER TABLE [Imports] ADD [ConsentNote] nvarchar(500) NULL;

ALTER TABLE [ConsentEvents] ADD [ConsentNote] nvarchar(500) NULL;

ALTER TABLE [ConsentEvents] ADD [Method] int NULL;

CREATE TABLE [ListActivity] (
    [SenderCodeId] int NOT NULL,
    [ListId] int NOT NULL,
    [BucketMinutes] int NOT NULL,
    [BucketStartUtc] datetime2 NOT NULL,
    [Kind] int NOT NULL,
    [Detail] int NOT NULL,
    [Count] int NOT NULL,
    [PendingDelta] int NOT NULL,
    CONSTRAINT [PK_ListActivity] PRIMARY KEY ([SenderCodeId], [BucketMinutes], [BucketStartUtc], [ListId], [Kind], [Detail])
);

EXEC(N'INSERT INTO ListActivity (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Kind, Detail, [Count], PendingDelta)
SELECT a.SenderCodeId, a.ListId, 1440, a.BucketStartUtc, a.Kind, a.Detail, COUNT(*), SUM(a.PendingDelta) FROM (
    SELECT e.SenderCodeId, e.ListId, DATEADD(DAY, DATEDIFF(DAY, CAST(''19000101'' AS datetime2), e.OccurredUtc), CAST(''19000101'' AS datetime2)) AS BucketStartUtc, CASE WHEN e.StateBefore NOT IN (N''Subscribed'', N''Pending'') AND e.StateAfter IN (N''Subscribed'', N''Pending'') THEN 1 WHEN e.StateBefore IN (N''Subscribed'', N''Pending'') AND e.StateAfter NOT IN (N''Subscribed'', N''Pending'') THEN 2 ELSE 3 END AS Kind, CASE WHEN e.StateBefore NOT IN (N''Subscribed'', N''Pending'') AND e.StateAfter IN (N''Subscribed'', N''Pending'') THEN (CASE WHEN e.Change = N''Resubscribed'' THEN 100 ELSE COALESCE(e.Method, -1) END) WHEN e.StateBefore IN (N''Subscribed'', N''Pending'') AND e.StateAfter NOT IN (N''Subscribed'', N''Pending'') THEN (CASE WHEN e.Change = N''Unsubscribed'' THEN 100 WHEN e.Change = N''Confirmation refused'' THEN 101 ELSE CASE WHEN e.StateAfter = N''Banned'' THEN 1 WHEN e.StateAfter IN (N''Opted out (Carrier deactivation)'', N''Opted out (CarrierDeactivation)'') THEN 2 WHEN e.StateAfter = N''Opted out (Import)'' THEN 3 WHEN e.StateAfter = N''Opted out (Manual)'' THEN 4 WHEN e.StateAfter IN (N''Opted out (STOP keyword)'', N''Opted out (StopKeyword)'') THEN 5 ELSE -1 END END) ELSE 0 END AS Detail, (CASE WHEN e.StateAfter = N''Pending'' THEN 1 ELSE 0 END) - (CASE WHEN e.StateBefore = N''Pending'' THEN 1 ELSE 0 END) AS PendingDelta FROM ConsentEvents AS e WHERE e.ListId IS NOT NULL AND e.StateBefore <> e.StateAfter AND (e.StateBefore IN (N''Subscribed'', N''Pending'') OR e.StateAfter IN (N''Subscribed'', N''Pending''))
    UNION ALL
    SELECT legacy.SenderCodeId, legacy.ListId, DATEADD(DAY, DATEDIFF(DAY, CAST(''19000101'' AS datetime2), legacy.OccurredUtc), CAST(''19000101'' AS datetime2)), 2, CASE WHEN legacy.StateAfter = N''Banned'' THEN 1 WHEN legacy.StateAfter IN (N''Opted out (Carrier deactivation)'', N''Opted out (CarrierDeactivation)'') THEN 2 WHEN legacy.StateAfter = N''Opted out (Import)'' THEN 3 WHEN legacy.StateAfter = N''Opted out (Manual)'' THEN 4 WHEN legacy.StateAfter IN (N''Opted out (STOP keyword)'', N''Opted out (StopKeyword)'') THEN 5 ELSE -1 END,
        CASE WHEN legacy.LastState = N''Pending'' THEN -1 ELSE 0 END
    FROM (SELECT o.SenderCodeId, l.ListId, o.OccurredUtc, o.StateAfter,
    (SELECT TOP 1 x.StateAfter FROM ConsentEvents AS x WHERE x.ContactId = o.ContactId AND x.ListId = l.ListId AND x.Id < o.Id ORDER BY x.Id DESC) AS LastState
FROM ConsentEvents AS o
JOIN (SELECT DISTINCT ContactId, ListId FROM ConsentEvents WHERE ListId IS NOT NULL) AS l ON l.ContactId = o.ContactId
WHERE o.ListId IS NULL AND o.Change IN (N''Opted out'', N''Banned'')
AND NOT EXISTS (
    SELECT 1 FROM ConsentEvents AS p
    WHERE p.ContactId = o.ContactId AND p.ListId IS NULL AND p.Change IN (N''Opted out'', N''Banned'') AND p.Id < o.Id
    AND p.Id > COALESCE((SELECT MAX(x.Id) FROM ConsentEvents AS x WHERE x.ContactId = o.ContactId AND x.ListId = l.ListId AND x.Id < o.Id), 0))) AS legacy WHERE legacy.LastState IN (N''Subscribed'', N''Pending'')) AS a
GROUP BY a.SenderCodeId, a.ListId, a.BucketStartUtc, a.Kind, a.Detail;')

EXEC(N'INSERT INTO ListActivity (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Kind, Detail, [Count], PendingDelta)
SELECT a.SenderCodeId, a.ListId, 15, a.BucketStartUtc, a.Kind, a.Detail, COUNT(*), SUM(a.PendingDelta) FROM (
    SELECT e.SenderCodeId, e.ListId, DATEADD(MINUTE, DATEDIFF(MINUTE, CAST(''19000101'' AS datetime2), e.OccurredUtc) / 15 * 15, CAST(''19000101'' AS datetime2)) AS BucketStartUtc, CASE WHEN e.StateBefore NOT IN (N''Subscribed'', N''Pending'') AND e.StateAfter IN (N''Subscribed'', N''Pending'') THEN 1 WHEN e.StateBefore IN (N''Subscribed'', N''Pending'') AND e.StateAfter NOT IN (N''Subscribed'', N''Pending'') THEN 2 ELSE 3 END AS Kind, CASE WHEN e.StateBefore NOT IN (N''Subscribed'', N''Pending'') AND e.StateAfter IN (N''Subscribed'', N''Pending'') THEN (CASE WHEN e.Change = N''Resubscribed'' THEN 100 ELSE COALESCE(e.Method, -1) END) WHEN e.StateBefore IN (N''Subscribed'', N''Pending'') AND e.StateAfter NOT IN (N''Subscribed'', N''Pending'') THEN (CASE WHEN e.Change = N''Unsubscribed'' THEN 100 WHEN e.Change = N''Confirmation refused'' THEN 101 ELSE CASE WHEN e.StateAfter = N''Banned'' THEN 1 WHEN e.StateAfter IN (N''Opted out (Carrier deactivation)'', N''Opted out (CarrierDeactivation)'') THEN 2 WHEN e.StateAfter = N''Opted out (Import)'' THEN 3 WHEN e.StateAfter = N''Opted out (Manual)'' THEN 4 WHEN e.StateAfter IN (N''Opted out (STOP keyword)'', N''Opted out (StopKeyword)'') THEN 5 ELSE -1 END END) ELSE 0 END AS Detail, (CASE WHEN e.StateAfter = N''Pending'' THEN 1 ELSE 0 END) - (CASE WHEN e.StateBefore = N''Pending'' THEN 1 ELSE 0 END) AS PendingDelta FROM ConsentEvents AS e WHERE e.ListId IS NOT NULL AND e.StateBefore <> e.StateAfter AND (e.StateBefore IN (N''Subscribed'', N''Pending'') OR e.StateAfter IN (N''Subscribed'', N''Pending''))
    UNION ALL
    SELECT legacy.SenderCodeId, legacy.ListId, DATEADD(MINUTE, DATEDIFF(MINUTE, CAST(''19000101'' AS datetime2), legacy.OccurredUtc) / 15 * 15, CAST(''19000101'' AS datetime2)), 2, CASE WHEN legacy.StateAfter = N''Banned'' THEN 1 WHEN legacy.StateAfter IN (N''Opted out (Carrier deactivation)'', N''Opted out (CarrierDeactivation)'') THEN 2 WHEN legacy.StateAfter = N''Opted out (Import)'' THEN 3 WHEN legacy.StateAfter = N''Opted out (Manual)'' THEN 4 WHEN legacy.StateAfter IN (N''Opted out (STOP keyword)'', N''Opted out (StopKeyword)'') THEN 5 ELSE -1 END,
        CASE WHEN legacy.LastState = N''Pending'' THEN -1 ELSE 0 END
    FROM (SELECT o.SenderCodeId, l.ListId, o.OccurredUtc, o.StateAfter,
    (SELECT TOP 1 x.StateAfter FROM ConsentEvents AS x WHERE x.ContactId = o.ContactId AND x.ListId = l.ListId AND x.Id < o.Id ORDER BY x.Id DESC) AS LastState
FROM ConsentEvents AS o
JOIN (SELECT DISTINCT ContactId, ListId FROM ConsentEvents WHERE ListId IS NOT NULL) AS l ON l.ContactId = o.ContactId
WHERE o.ListId IS NULL AND o.Change IN (N''Opted out'', N''Banned'')
AND NOT EXISTS (
    SELECT 1 FROM ConsentEvents AS p
    WHERE p.ContactId = o.ContactId AND p.ListId IS NULL AND p.Change IN (N''Opted out'', N''Banned'') AND p.Id < o.Id
    AND p.Id > COALESCE((SELECT MAX(x.Id) FROM ConsentEvents AS x WHERE x.ContactId = o.ContactId AND x.ListId = l.ListId AND x.Id < o.Id), 0))) AS legacy WHERE legacy.LastState IN (N''Subscribed'', N''Pending'')) AS a
GROUP BY a.SenderCodeId, a.ListId, a.BucketStartUtc, a.Kind, a.Detail;')

EXEC(N'CREATE TRIGGER [ConsentEvents_ListActivity] ON [ConsentEvents] AFTER INSERT AS
BEGIN
SET NOCOUNT ON;
MERGE [ListActivity] WITH (HOLDLOCK) AS t
USING (
    SELECT c.SenderCodeId, c.ListId, c.BucketStartUtc, c.Kind, c.Detail, COUNT(*) AS [Count], SUM(c.PendingDelta) AS PendingDelta
    FROM (SELECT e.SenderCodeId, e.ListId, DATEADD(DAY, DATEDIFF(DAY, CAST(''19000101'' AS datetime2), e.OccurredUtc), CAST(''19000101'' AS datetime2)) AS BucketStartUtc, CASE WHEN e.StateBefore NOT IN (N''Subscribed'', N''Pending'') AND e.StateAfter IN (N''Subscribed'', N''Pending'') THEN 1 WHEN e.StateBefore IN (N''Subscribed'', N''Pending'') AND e.StateAfter NOT IN (N''Subscribed'', N''Pending'') THEN 2 ELSE 3 END AS Kind, CASE WHEN e.StateBefore NOT IN (N''Subscribed'', N''Pending'') AND e.StateAfter IN (N''Subscribed'', N''Pending'') THEN (CASE WHEN e.Change = N''Resubscribed'' THEN 100 ELSE COALESCE(e.Method, -1) END) WHEN e.StateBefore IN (N''Subscribed'', N''Pending'') AND e.StateAfter NOT IN (N''Subscribed'', N''Pending'') THEN (CASE WHEN e.Change = N''Unsubscribed'' THEN 100 WHEN e.Change = N''Confirmation refused'' THEN 101 ELSE CASE WHEN e.StateAfter = N''Banned'' THEN 1 WHEN e.StateAfter IN (N''Opted out (Carrier deactivation)'', N''Opted out (CarrierDeactivation)'') THEN 2 WHEN e.StateAfter = N''Opted out (Import)'' THEN 3 WHEN e.StateAfter = N''Opted out (Manual)'' THEN 4 WHEN e.StateAfter IN (N''Opted out (STOP keyword)'', N''Opted out (StopKeyword)'') THEN 5 ELSE -1 END END) ELSE 0 END AS Detail, (CASE WHEN e.StateAfter = N''Pending'' THEN 1 ELSE 0 END) - (CASE WHEN e.StateBefore = N''Pending'' THEN 1 ELSE 0 END) AS PendingDelta FROM inserted AS e WHERE e.ListId IS NOT NULL AND e.StateBefore <> e.StateAfter AND (e.StateBefore IN (N''Subscribed'', N''Pending'') OR e.StateAfter IN (N''Subscribed'', N''Pending''))) AS c
    GROUP BY c.SenderCodeId, c.ListId, c.BucketStartUtc, c.Kind, c.Detail) AS s
ON t.SenderCodeId = s.SenderCodeId AND t.BucketMinutes = 1440 AND t.BucketStartUtc = s.BucketStartUtc
    AND t.ListId = s.ListId AND t.Kind = s.Kind AND t.Detail = s.Detail
WHEN MATCHED THEN UPDATE SET t.[Count] = t.[Count] + s.[Count], t.PendingDelta = t.PendingDelta + s.PendingDelta
WHEN NOT MATCHED THEN INSERT (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Kind, Detail, [Count], PendingDelta)
    VALUES (s.SenderCodeId, s.ListId, 1440, s.BucketStartUtc, s.Kind, s.Detail, s.[Count], s.PendingDelta);
MERGE [ListActivity] WITH (HOLDLOCK) AS t
USING (
    SELECT c.SenderCodeId, c.ListId, c.BucketStartUtc, c.Kind, c.Detail, COUNT(*) AS [Count], SUM(c.PendingDelta) AS PendingDelta
    FROM (SELECT e.SenderCodeId, e.ListId, DATEADD(MINUTE, DATEDIFF(MINUTE, CAST(''19000101'' AS datetime2), e.OccurredUtc) / 15 * 15, CAST(''19000101'' AS datetime2)) AS BucketStartUtc, CASE WHEN e.StateBefore NOT IN (N''Subscribed'', N''Pending'') AND e.StateAfter IN (N''Subscribed'', N''Pending'') THEN 1 WHEN e.StateBefore IN (N''Subscribed'', N''Pending'') AND e.StateAfter NOT IN (N''Subscribed'', N''Pending'') THEN 2 ELSE 3 END AS Kind, CASE WHEN e.StateBefore NOT IN (N''Subscribed'', N''Pending'') AND e.StateAfter IN (N''Subscribed'', N''Pending'') THEN (CASE WHEN e.Change = N''Resubscribed'' THEN 100 ELSE COALESCE(e.Method, -1) END) WHEN e.StateBefore IN (N''Subscribed'', N''Pending'') AND e.StateAfter NOT IN (N''Subscribed'', N''Pending'') THEN (CASE WHEN e.Change = N''Unsubscribed'' THEN 100 WHEN e.Change = N''Confirmation refused'' THEN 101 ELSE CASE WHEN e.StateAfter = N''Banned'' THEN 1 WHEN e.StateAfter IN (N''Opted out (Carrier deactivation)'', N''Opted out (CarrierDeactivation)'') THEN 2 WHEN e.StateAfter = N''Opted out (Import)'' THEN 3 WHEN e.StateAfter = N''Opted out (Manual)'' THEN 4 WHEN e.StateAfter IN (N''Opted out (STOP keyword)'', N''Opted out (StopKeyword)'') THEN 5 ELSE -1 END END) ELSE 0 END AS Detail, (CASE WHEN e.StateAfter = N''Pending'' THEN 1 ELSE 0 END) - (CASE WHEN e.StateBefore = N''Pending'' THEN 1 ELSE 0 END) AS PendingDelta FROM inserted AS e WHERE e.ListId IS NOT NULL AND e.StateBefore <> e.StateAfter AND (e.StateBefore IN (N''Subscribed'', N''Pending'') OR e.StateAfter IN (N''Subscribed'', N''Pending''))) AS c
    GROUP BY c.SenderCodeId, c.ListId, c.BucketStartUtc, c.Kind, c.Detail) AS s
ON t.SenderCodeId = s.SenderCodeId AND t.BucketMinutes = 15 AND t.BucketStartUtc = s.BucketStartUtc
    AND t.ListId = s.ListId AND t.Kind = s.Kind AND t.Detail = s.Detail
WHEN MATCHED THEN UPDATE SET t.[Count] = t.[Count] + s.[Count], t.PendingDelta = t.PendingDelta + s.PendingDelta
WHEN NOT MATCHED THEN INSERT (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Kind, Detail, [Count], PendingDelta)
    VALUES (s.SenderCodeId, s.ListId, 15, s.BucketStartUtc, s.Kind, s.Detail, s.[Count], s.PendingDelta);
END')

INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
VALUES (N'20261201013441_AddListActivityAndConsentNotes', N'10.0.15');

COMMIT;
GO

BEGIN TRANSACTION;
ALTER TABLE [Exports] ADD [EmailUnconfirmed] bit NOT NULL DEFAULT CAST(0 AS bit);

ALTER TABLE [Exports] ADD [HeartbeatUtc] datetime2 NULL;

ALTER TABLE [Exports] ADD [RetriedAsExportId] uniqueidentifier NULL;

CREATE INDEX [IX_Exports_Status] ON [Exports] ([Status]);

INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
VALUES (N'20261201020853_AddExportHeartbeatAndRetry', N'10.0.15');

COMMIT;
GO

BEGIN TRANSACTION;
CREATE TABLE [UserSenderCodes] (
    [UserId] nvarchar(450) NOT NULL,
    [SenderCodeId] int NOT NULL,
    CONSTRAINT [PK_UserSenderCodes] PRIMARY KEY ([UserId], [SenderCodeId]),
    CONSTRAINT [FK_UserSenderCodes_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE,
    CONSTRAINT [FK_UserSenderCodes_SenderCodes_SenderCodeId] FOREIGN KEY ([SenderCodeId]) REFERENCES [SenderCodes] ([Id])
);

CREATE INDEX [IX_UserSenderCodes_SenderCodeId] ON [UserSenderCodes] ([SenderCodeId]);

INSERT INTO UserSenderCodes (UserId, SenderCodeId)
SELECT u.Id, u.SelectedSenderCodeId FROM AspNetUsers u
WHERE u.SelectedSenderCodeId IN (SELECT s.Id FROM SenderCodes s)
  AND u.Id NOT IN (SELECT ur.UserId FROM AspNetUserRoles ur JOIN AspNetRoles r ON r.Id = ur.RoleId WHERE r.Name = 'Admin')

INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
VALUES (N'20261201031307_AddUserSenderCodes', N'10.0.15');

COMMIT;
GO

BEGIN TRANSACTION;
ALTER TABLE [AspNetUsers] ADD [TimeZoneId] nvarchar(64) NULL;

CREATE TABLE [SiteSettings] (
    [Id] int NOT NULL,
    [DefaultTimeZoneId] nvarchar(64) NULL,
    CONSTRAINT [PK_SiteSettings] PRIMARY KEY ([Id])
);

INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
VALUES (N'20261201031951_AddUserTimeZones', N'10.0.15');

COMMIT;
GO

BEGIN TRANSACTION;
DECLARE @var nvarchar(max);
SELECT @var = QUOTENAME([d].[name])
FROM [sys].[default_constraints] [d]
INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Messages]') AND [c].[name] = N'Body');
IF @var IS NOT NULL EXEC(N'ALTER TABLE [Messages] DROP CONSTRAINT ' + @var + ';');
ALTER TABLE [Messages] ALTER COLUMN [Body] nvarchar(max) NOT NULL;

INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
VALUES (N'20261201033852_WholeInboundTextBody', N'10.0.15');

COMMIT;
GO

BEGIN TRANSACTION;
CREATE TABLE [OptOutDateCounts] (
    [SenderCodeId] int NOT NULL,
    [ListId] int NOT NULL,
    [BucketMinutes] int NOT NULL,
    [BucketStartUtc] datetime2 NOT NULL,
    [Reason] int NOT NULL,
    [Count] int NOT NULL,
    CONSTRAINT [PK_OptOutDateCounts] PRIMARY KEY ([SenderCodeId], [BucketMinutes], [BucketStartUtc], [ListId], [Reason])
);

CREATE TABLE [SubscribeDateCounts] (
    [SenderCodeId] int NOT NULL,
    [ListId] int NOT NULL,
    [BucketMinutes] int NOT NULL,
    [BucketStartUtc] datetime2 NOT NULL,
    [Count] int NOT NULL,
    CONSTRAINT [PK_SubscribeDateCounts] PRIMARY KEY ([SenderCodeId], [BucketMinutes], [BucketStartUtc], [ListId])
);

EXEC(N'INSERT INTO SubscribeDateCounts (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, [Count])
SELECT s.SenderCodeId, s.ListId, 1440, DATEADD(DAY, DATEDIFF(DAY, CAST(''19000101'' AS datetime2), s.SubscribedUtc), CAST(''19000101'' AS datetime2)), COUNT(*) FROM Subscriptions AS s
GROUP BY s.SenderCodeId, s.ListId, DATEADD(DAY, DATEDIFF(DAY, CAST(''19000101'' AS datetime2), s.SubscribedUtc), CAST(''19000101'' AS datetime2));
INSERT INTO OptOutDateCounts (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Reason, [Count])
SELECT x.SenderCodeId, x.ListId, 1440, DATEADD(DAY, DATEDIFF(DAY, CAST(''19000101'' AS datetime2), x.OptedOutUtc), CAST(''19000101'' AS datetime2)), x.Reason, SUM(x.Delta)
FROM (SELECT c.SenderCodeId, 0 AS ListId, c.OptedOutUtc, COALESCE(c.OptOutReason, 0) AS Reason, 1 AS Delta
FROM Contacts AS c WHERE c.OptedOutUtc IS NOT NULL
UNION ALL
SELECT c.SenderCodeId, l.ListId, c.OptedOutUtc, COALESCE(c.OptOutReason, 0), 1
FROM Contacts AS c
JOIN (SELECT DISTINCT e.ContactId, e.OccurredUtc, e.ListId FROM ConsentEvents AS e
    WHERE e.ListId IS NOT NULL AND e.Change IN (N''Opted out'', N''Banned'')) AS l ON l.ContactId = c.Id AND l.OccurredUtc = c.OptedOutUtc
WHERE c.OptedOutUtc IS NOT NULL) AS x
GROUP BY x.SenderCodeId, x.ListId, DATEADD(DAY, DATEDIFF(DAY, CAST(''19000101'' AS datetime2), x.OptedOutUtc), CAST(''19000101'' AS datetime2)), x.Reason;')

EXEC(N'INSERT INTO SubscribeDateCounts (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, [Count])
SELECT s.SenderCodeId, s.ListId, 15, DATEADD(MINUTE, DATEDIFF(MINUTE, CAST(''19000101'' AS datetime2), s.SubscribedUtc) / 15 * 15, CAST(''19000101'' AS datetime2)), COUNT(*) FROM Subscriptions AS s
GROUP BY s.SenderCodeId, s.ListId, DATEADD(MINUTE, DATEDIFF(MINUTE, CAST(''19000101'' AS datetime2), s.SubscribedUtc) / 15 * 15, CAST(''19000101'' AS datetime2));
INSERT INTO OptOutDateCounts (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Reason, [Count])
SELECT x.SenderCodeId, x.ListId, 15, DATEADD(MINUTE, DATEDIFF(MINUTE, CAST(''19000101'' AS datetime2), x.OptedOutUtc) / 15 * 15, CAST(''19000101'' AS datetime2)), x.Reason, SUM(x.Delta)
FROM (SELECT c.SenderCodeId, 0 AS ListId, c.OptedOutUtc, COALESCE(c.OptOutReason, 0) AS Reason, 1 AS Delta
FROM Contacts AS c WHERE c.OptedOutUtc IS NOT NULL
UNION ALL
SELECT c.SenderCodeId, l.ListId, c.OptedOutUtc, COALESCE(c.OptOutReason, 0), 1
FROM Contacts AS c
JOIN (SELECT DISTINCT e.ContactId, e.OccurredUtc, e.ListId FROM ConsentEvents AS e
    WHERE e.ListId IS NOT NULL AND e.Change IN (N''Opted out'', N''Banned'')) AS l ON l.ContactId = c.Id AND l.OccurredUtc = c.OptedOutUtc
WHERE c.OptedOutUtc IS NOT NULL) AS x
GROUP BY x.SenderCodeId, x.ListId, DATEADD(MINUTE, DATEDIFF(MINUTE, CAST(''19000101'' AS datetime2), x.OptedOutUtc) / 15 * 15, CAST(''19000101'' AS datetime2)), x.Reason;')

EXEC(N'CREATE TRIGGER [Subscriptions_DateCount] ON [Subscriptions] AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM inserted) AND EXISTS (SELECT 1 FROM deleted)
        AND NOT (UPDATE(SenderCodeId) OR UPDATE(ListId) OR UPDATE(SubscribedUtc)) RETURN;
MERGE [SubscribeDateCounts] WITH (HOLDLOCK) AS t
USING (
    SELECT x.SenderCodeId, x.ListId, x.BucketStartUtc, SUM(x.Delta) AS Delta
    FROM (SELECT i.SenderCodeId, i.ListId, DATEADD(DAY, DATEDIFF(DAY, CAST(''19000101'' AS datetime2), i.SubscribedUtc), CAST(''19000101'' AS datetime2)) AS BucketStartUtc, 1 AS Delta FROM inserted AS i UNION ALL SELECT d.SenderCodeId, d.ListId, DATEADD(DAY, DATEDIFF(DAY, CAST(''19000101'' AS datetime2), d.SubscribedUtc), CAST(''19000101'' AS datetime2)) AS BucketStartUtc, -1 AS Delta FROM deleted AS d) AS x
    GROUP BY x.SenderCodeId, x.ListId, x.BucketStartUtc
    HAVING SUM(x.Delta) <> 0) AS s
ON t.SenderCodeId = s.SenderCodeId AND t.BucketMinutes = 1440 AND t.BucketStartUtc = s.BucketStartUtc AND t.ListId = s.ListId
WHEN MATCHED THEN UPDATE SET t.[Count] = t.[Count] + s.Delta
WHEN NOT MATCHED THEN INSERT (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, [Count])
    VALUES (s.SenderCodeId, s.ListId, 1440, s.BucketStartUtc, s.Delta);MERGE [SubscribeDateCounts] WITH (HOLDLOCK) AS t
USING (
    SELECT x.SenderCodeId, x.ListId, x.BucketStartUtc, SUM(x.Delta) AS Delta
    FROM (SELECT i.SenderCodeId, i.ListId, DATEADD(MINUTE, DATEDIFF(MINUTE, CAST(''19000101'' AS datetime2), i.SubscribedUtc) / 15 * 15, CAST(''19000101'' AS datetime2)) AS BucketStartUtc, 1 AS Delta FROM inserted AS i UNION ALL SELECT d.SenderCodeId, d.ListId, DATEADD(MINUTE, DATEDIFF(MINUTE, CAST(''19000101'' AS datetime2), d.SubscribedUtc) / 15 * 15, CAST(''19000101'' AS datetime2)) AS BucketStartUtc, -1 AS Delta FROM deleted AS d) AS x
    GROUP BY x.SenderCodeId, x.ListId, x.BucketStartUtc
    HAVING SUM(x.Delta) <> 0) AS s
ON t.SenderCodeId = s.SenderCodeId AND t.BucketMinutes = 15 AND t.BucketStartUtc = s.BucketStartUtc AND t.ListId = s.ListId
WHEN MATCHED THEN UPDATE SET t.[Count] = t.[Count] + s.Delta
WHEN NOT MATCHED THEN INSERT (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, [Count])
    VALUES (s.SenderCodeId, s.ListId, 15, s.BucketStartUtc, s.Delta);
END')

EXEC(N'CREATE TRIGGER [Contacts_OptOutDateCount] ON [Contacts] AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM inserted) AND EXISTS (SELECT 1 FROM deleted)
        AND NOT (UPDATE(SenderCodeId) OR UPDATE(OptedOutUtc) OR UPDATE(OptOutReason)) RETURN;
MERGE [OptOutDateCounts] WITH (HOLDLOCK) AS t
USING (
    SELECT x.SenderCodeId, x.ListId, DATEADD(DAY, DATEDIFF(DAY, CAST(''19000101'' AS datetime2), x.OptedOutUtc), CAST(''19000101'' AS datetime2)) AS BucketStartUtc, x.Reason, SUM(x.Delta) AS Delta
    FROM (SELECT i.SenderCodeId, 0 AS ListId, i.OptedOutUtc, COALESCE(i.OptOutReason, 0) AS Reason, 1 AS Delta
FROM inserted AS i WHERE i.OptedOutUtc IS NOT NULL
UNION ALL
SELECT i.SenderCodeId, l.ListId, i.OptedOutUtc, COALESCE(i.OptOutReason, 0), 1
FROM inserted AS i
JOIN (SELECT DISTINCT e.ContactId, e.OccurredUtc, e.ListId FROM ConsentEvents AS e
    WHERE e.ListId IS NOT NULL AND e.Change IN (N''Opted out'', N''Banned'')) AS l ON l.ContactId = i.Id AND l.OccurredUtc = i.OptedOutUtc
WHERE i.OptedOutUtc IS NOT NULL
UNION ALL
SELECT d.SenderCodeId, 0 AS ListId, d.OptedOutUtc, COALESCE(d.OptOutReason, 0) AS Reason, -1 AS Delta
FROM deleted AS d WHERE d.OptedOutUtc IS NOT NULL
UNION ALL
SELECT d.SenderCodeId, l.ListId, d.OptedOutUtc, COALESCE(d.OptOutReason, 0), -1
FROM deleted AS d
JOIN (SELECT DISTINCT e.ContactId, e.OccurredUtc, e.ListId FROM ConsentEvents AS e
    WHERE e.ListId IS NOT NULL AND e.Change IN (N''Opted out'', N''Banned'')) AS l ON l.ContactId = d.Id AND l.OccurredUtc = d.OptedOutUtc
WHERE d.OptedOutUtc IS NOT NULL) AS x
    GROUP BY x.SenderCodeId, x.ListId, DATEADD(DAY, DATEDIFF(DAY, CAST(''19000101'' AS datetime2), x.OptedOutUtc), CAST(''19000101'' AS datetime2)), x.Reason
    HAVING SUM(x.Delta) <> 0) AS s
ON t.SenderCodeId = s.SenderCodeId AND t.BucketMinutes = 1440 AND t.BucketStartUtc = s.BucketStartUtc AND t.ListId = s.ListId AND t.Reason = s.Reason
WHEN MATCHED THEN UPDATE SET t.[Count] = t.[Count] + s.Delta
WHEN NOT MATCHED THEN INSERT (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Reason, [Count])
    VALUES (s.SenderCodeId, s.ListId, 1440, s.BucketStartUtc, s.Reason, s.Delta);MERGE [OptOutDateCounts] WITH (HOLDLOCK) AS t
USING (
    SELECT x.SenderCodeId, x.ListId, DATEADD(MINUTE, DATEDIFF(MINUTE, CAST(''19000101'' AS datetime2), x.OptedOutUtc) / 15 * 15, CAST(''19000101'' AS datetime2)) AS BucketStartUtc, x.Reason, SUM(x.Delta) AS Delta
    FROM (SELECT i.SenderCodeId, 0 AS ListId, i.OptedOutUtc, COALESCE(i.OptOutReason, 0) AS Reason, 1 AS Delta
FROM inserted AS i WHERE i.OptedOutUtc IS NOT NULL
UNION ALL
SELECT i.SenderCodeId, l.ListId, i.OptedOutUtc, COALESCE(i.OptOutReason, 0), 1
FROM inserted AS i
JOIN (SELECT DISTINCT e.ContactId, e.OccurredUtc, e.ListId FROM ConsentEvents AS e
    WHERE e.ListId IS NOT NULL AND e.Change IN (N''Opted out'', N''Banned'')) AS l ON l.ContactId = i.Id AND l.OccurredUtc = i.OptedOutUtc
WHERE i.OptedOutUtc IS NOT NULL
UNION ALL
SELECT d.SenderCodeId, 0 AS ListId, d.OptedOutUtc, COALESCE(d.OptOutReason, 0) AS Reason, -1 AS Delta
FROM deleted AS d WHERE d.OptedOutUtc IS NOT NULL
UNION ALL
SELECT d.SenderCodeId, l.ListId, d.OptedOutUtc, COALESCE(d.OptOutReason, 0), -1
FROM deleted AS d
JOIN (SELECT DISTINCT e.ContactId, e.OccurredUtc, e.ListId FROM ConsentEvents AS e
    WHERE e.ListId IS NOT NULL AND e.Change IN (N''Opted out'', N''Banned'')) AS l ON l.ContactId = d.Id AND l.OccurredUtc = d.OptedOutUtc
WHERE d.OptedOutUtc IS NOT NULL) AS x
    GROUP BY x.SenderCodeId, x.ListId, DATEADD(MINUTE, DATEDIFF(MINUTE, CAST(''19000101'' AS datetime2), x.OptedOutUtc) / 15 * 15, CAST(''19000101'' AS datetime2)), x.Reason
    HAVING SUM(x.Delta) <> 0) AS s
ON t.SenderCodeId = s.SenderCodeId AND t.BucketMinutes = 15 AND t.BucketStartUtc = s.BucketStartUtc AND t.ListId = s.ListId AND t.Reason = s.Reason
WHEN MATCHED THEN UPDATE SET t.[Count] = t.[Count] + s.Delta
WHEN NOT MATCHED THEN INSERT (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Reason, [Count])
    VALUES (s.SenderCodeId, s.ListId, 15, s.BucketStartUtc, s.Reason, s.Delta);
END')

EXEC(N'CREATE TRIGGER [ConsentEvents_OptOutDateCount] ON [ConsentEvents] AFTER INSERT AS
BEGIN
    SET NOCOUNT ON;
MERGE [OptOutDateCounts] WITH (HOLDLOCK) AS t
USING (
    SELECT x.SenderCodeId, x.ListId, DATEADD(DAY, DATEDIFF(DAY, CAST(''19000101'' AS datetime2), x.OptedOutUtc), CAST(''19000101'' AS datetime2)) AS BucketStartUtc, x.Reason, SUM(x.Delta) AS Delta
    FROM (SELECT c.SenderCodeId, ev.ListId, c.OptedOutUtc, COALESCE(c.OptOutReason, 0) AS Reason, 1 AS Delta
FROM (SELECT DISTINCT i.ContactId, i.OccurredUtc, i.ListId FROM inserted AS i
    WHERE i.ListId IS NOT NULL AND i.Change IN (N''Opted out'', N''Banned'')
    AND NOT EXISTS (SELECT 1 FROM ConsentEvents AS e WHERE e.ContactId = i.ContactId AND e.OccurredUtc = i.OccurredUtc AND e.ListId = i.ListId
        AND e.Change IN (N''Opted out'', N''Banned'') AND NOT EXISTS (SELECT 1 FROM inserted AS n WHERE n.Id = e.Id))) AS ev
JOIN Contacts AS c ON c.Id = ev.ContactId AND c.OptedOutUtc = ev.OccurredUtc) AS x
    GROUP BY x.SenderCodeId, x.ListId, DATEADD(DAY, DATEDIFF(DAY, CAST(''19000101'' AS datetime2), x.OptedOutUtc), CAST(''19000101'' AS datetime2)), x.Reason
    HAVING SUM(x.Delta) <> 0) AS s
ON t.SenderCodeId = s.SenderCodeId AND t.BucketMinutes = 1440 AND t.BucketStartUtc = s.BucketStartUtc AND t.ListId = s.ListId AND t.Reason = s.Reason
WHEN MATCHED THEN UPDATE SET t.[Count] = t.[Count] + s.Delta
WHEN NOT MATCHED THEN INSERT (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Reason, [Count])
    VALUES (s.SenderCodeId, s.ListId, 1440, s.BucketStartUtc, s.Reason, s.Delta);MERGE [OptOutDateCounts] WITH (HOLDLOCK) AS t
USING (
    SELECT x.SenderCodeId, x.ListId, DATEADD(MINUTE, DATEDIFF(MINUTE, CAST(''19000101'' AS datetime2), x.OptedOutUtc) / 15 * 15, CAST(''19000101'' AS datetime2)) AS BucketStartUtc, x.Reason, SUM(x.Delta) AS Delta
    FROM (SELECT c.SenderCodeId, ev.ListId, c.OptedOutUtc, COALESCE(c.OptOutReason, 0) AS Reason, 1 AS Delta
FROM (SELECT DISTINCT i.ContactId, i.OccurredUtc, i.ListId FROM inserted AS i
    WHERE i.ListId IS NOT NULL AND i.Change IN (N''Opted out'', N''Banned'')
    AND NOT EXISTS (SELECT 1 FROM ConsentEvents AS e WHERE e.ContactId = i.ContactId AND e.OccurredUtc = i.OccurredUtc AND e.ListId = i.ListId
        AND e.Change IN (N''Opted out'', N''Banned'') AND NOT EXISTS (SELECT 1 FROM inserted AS n WHERE n.Id = e.Id))) AS ev
JOIN Contacts AS c ON c.Id = ev.ContactId AND c.OptedOutUtc = ev.OccurredUtc) AS x
    GROUP BY x.SenderCodeId, x.ListId, DATEADD(MINUTE, DATEDIFF(MINUTE, CAST(''19000101'' AS datetime2), x.OptedOutUtc) / 15 * 15, CAST(''19000101'' AS datetime2)), x.Reason
    HAVING SUM(x.Delta) <> 0) AS s
ON t.SenderCodeId = s.SenderCodeId AND t.BucketMinutes = 15 AND t.BucketStartUtc = s.BucketStartUtc AND t.ListId = s.ListId AND t.Reason = s.Reason
WHEN MATCHED THEN UPDATE SET t.[Count] = t.[Count] + s.Delta
WHEN NOT MATCHED THEN INSERT (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Reason, [Count])
    VALUES (s.SenderCodeId, s.ListId, 15, s.BucketStartUtc, s.Reason, s.Delta);
END')

INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
VALUES (N'20261201053558_AddSubscribeAndOptOutDateCounts', N'10.0.15');

COMMIT;
GO

BEGIN TRANSACTION;
CREATE TABLE [SavedImportLayouts] (
    [Id] int NOT NULL IDENTITY,
    [SenderCodeId] int NOT NULL,
    [HeaderKey] nvarchar(64) NOT NULL,
    [Mapping] nvarchar(max) NOT NULL,
    [ColumnNames] nvarchar(max) NOT NULL,
    [FileName] nvarchar(260) NOT NULL,
    [ImportId] uniqueidentifier NOT NULL,
    [SavedBy] nvarchar(256) NOT NULL,
    [SavedUtc] datetime2 NOT NULL,
    CONSTRAINT [PK_SavedImportLayouts] PRIMARY KEY ([Id]),
    CONSTRAINT [FK_SavedImportLayouts_SenderCodes_SenderCodeId] FOREIGN KEY ([SenderCodeId]) REFERENCES [SenderCodes] ([Id]) ON DELETE CASCADE
);

CREATE UNIQUE INDEX [IX_SavedImportLayouts_SenderCodeId_HeaderKey] ON [SavedImportLayouts] ([SenderCodeId], [HeaderKey]);

INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
VALUES (N'20261201054251_AddSavedImportLayouts', N'10.0.15');

COMMIT;
GO

BEGIN TRANSACTION;
CREATE TABLE [SubscriptionPhoneCounts] (
    [ListId] int NOT NULL,
    [Block] nvarchar(5) NOT NULL,
    [SenderCodeId] int NOT NULL,
    [Subscriptions] int NOT NULL,
    CONSTRAINT [PK_SubscriptionPhoneCounts] PRIMARY KEY ([ListId], [Block]),
    CONSTRAINT [FK_SubscriptionPhoneCounts_Lists_ListId] FOREIGN KEY ([ListId]) REFERENCES [Lists] ([Id]) ON DELETE CASCADE,
    CONSTRAINT [FK_SubscriptionPhoneCounts_SenderCodes_SenderCodeId] FOREIGN KEY ([SenderCodeId]) REFERENCES [SenderCodes] ([Id])
);

CREATE INDEX [IX_SubscriptionPhoneCounts_SenderCodeId_Block] ON [SubscriptionPhoneCounts] ([SenderCodeId], [Block], [Subscriptions]);

EXEC(N'INSERT INTO SubscriptionPhoneCounts (ListId, SenderCodeId, Block, Subscriptions)
SELECT x.ListId, MIN(x.SenderCodeId), x.Block, COUNT(*)
FROM (SELECT s.ListId, s.SenderCodeId, LEFT(s.Phone, 5) AS Block FROM Subscriptions AS s) AS x
GROUP BY x.ListId, x.Block;')

EXEC(N'CREATE TRIGGER [Subscriptions_PhoneCount] ON [Subscriptions] AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM inserted) AND EXISTS (SELECT 1 FROM deleted)
        AND NOT (UPDATE(ListId) OR UPDATE(Phone)) RETURN;
    MERGE INTO SubscriptionPhoneCounts WITH (HOLDLOCK) AS t
    USING (
        SELECT x.ListId, MIN(x.SenderCodeId) AS SenderCodeId, x.Block, SUM(x.Delta) AS Delta
        FROM (
            SELECT i.ListId, i.SenderCodeId, LEFT(i.Phone, 5) AS Block, 1 AS Delta FROM inserted AS i
            UNION ALL
            SELECT d.ListId, d.SenderCodeId, LEFT(d.Phone, 5) AS Block, -1 AS Delta FROM deleted AS d) AS x
        GROUP BY x.ListId, x.Block
        HAVING SUM(x.Delta) <> 0) AS change
    ON t.ListId = change.ListId AND t.Block = change.Block
    WHEN MATCHED THEN UPDATE SET t.Subscriptions = t.Subscriptions + change.Delta
    WHEN NOT MATCHED BY TARGET AND change.Delta > 0 THEN
        INSERT (ListId, SenderCodeId, Block, Subscriptions)
        VALUES (change.ListId, change.SenderCodeId, change.Block, change.Delta);
END')

INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
VALUES (N'20261202021822_AddSubscriptionPhoneCounts', N'10.0.15');

COMMIT;
GO

BEGIN TRANSACTION;
EXEC(N'DROP TRIGGER IF EXISTS [ConsentEvents_ListActivity]')

EXEC(N'INSERT INTO ListActivity (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Kind, Detail, [Count], PendingDelta)
SELECT q.SenderCodeId, q.ListId, 60, q.HourStartUtc, q.Kind, q.Detail, SUM(q.[Count]), SUM(q.PendingDelta)
FROM (SELECT a.SenderCodeId, a.ListId, DATEADD(HOUR, DATEDIFF(HOUR, CAST(''19000101'' AS datetime2), a.BucketStartUtc), CAST(''19000101'' AS datetime2)) AS HourStartUtc, a.Kind, a.Detail, a.[Count], a.PendingDelta
    FROM ListActivity AS a WHERE a.BucketMinutes = 15) AS q
GROUP BY q.SenderCodeId, q.ListId, q.HourStartUtc, q.Kind, q.Detail;')

EXEC(N'CREATE TRIGGER [ConsentEvents_ListActivity] ON [ConsentEvents] AFTER INSERT AS
BEGIN
SET NOCOUNT ON;
MERGE [ListActivity] WITH (HOLDLOCK) AS t
USING (
    SELECT c.SenderCodeId, c.ListId, c.BucketStartUtc, c.Kind, c.Detail, COUNT(*) AS [Count], SUM(c.PendingDelta) AS PendingDelta
    FROM (SELECT e.SenderCodeId, e.ListId, DATEADD(DAY, DATEDIFF(DAY, CAST(''19000101'' AS datetime2), e.OccurredUtc), CAST(''19000101'' AS datetime2)) AS BucketStartUtc, CASE WHEN e.StateBefore NOT IN (N''Subscribed'', N''Pending'') AND e.StateAfter IN (N''Subscribed'', N''Pending'') THEN 1 WHEN e.StateBefore IN (N''Subscribed'', N''Pending'') AND e.StateAfter NOT IN (N''Subscribed'', N''Pending'') THEN 2 ELSE 3 END AS Kind, CASE WHEN e.StateBefore NOT IN (N''Subscribed'', N''Pending'') AND e.StateAfter IN (N''Subscribed'', N''Pending'') THEN (CASE WHEN e.Change = N''Resubscribed'' THEN 100 ELSE COALESCE(e.Method, -1) END) WHEN e.StateBefore IN (N''Subscribed'', N''Pending'') AND e.StateAfter NOT IN (N''Subscribed'', N''Pending'') THEN (CASE WHEN e.Change = N''Unsubscribed'' THEN 100 WHEN e.Change = N''Confirmation refused'' THEN 101 ELSE CASE WHEN e.StateAfter = N''Banned'' THEN 1 WHEN e.StateAfter IN (N''Opted out (Carrier deactivation)'', N''Opted out (CarrierDeactivation)'') THEN 2 WHEN e.StateAfter = N''Opted out (Import)'' THEN 3 WHEN e.StateAfter = N''Opted out (Manual)'' THEN 4 WHEN e.StateAfter IN (N''Opted out (STOP keyword)'', N''Opted out (StopKeyword)'') THEN 5 ELSE -1 END END) ELSE 0 END AS Detail, (CASE WHEN e.StateAfter = N''Pending'' THEN 1 ELSE 0 END) - (CASE WHEN e.StateBefore = N''Pending'' THEN 1 ELSE 0 END) AS PendingDelta FROM inserted AS e WHERE e.ListId IS NOT NULL AND e.StateBefore <> e.StateAfter AND (e.StateBefore IN (N''Subscribed'', N''Pending'') OR e.StateAfter IN (N''Subscribed'', N''Pending''))) AS c
    GROUP BY c.SenderCodeId, c.ListId, c.BucketStartUtc, c.Kind, c.Detail) AS s
ON t.SenderCodeId = s.SenderCodeId AND t.BucketMinutes = 1440 AND t.BucketStartUtc = s.BucketStartUtc
    AND t.ListId = s.ListId AND t.Kind = s.Kind AND t.Detail = s.Detail
WHEN MATCHED THEN UPDATE SET t.[Count] = t.[Count] + s.[Count], t.PendingDelta = t.PendingDelta + s.PendingDelta
WHEN NOT MATCHED THEN INSERT (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Kind, Detail, [Count], PendingDelta)
    VALUES (s.SenderCodeId, s.ListId, 1440, s.BucketStartUtc, s.Kind, s.Detail, s.[Count], s.PendingDelta);
MERGE [ListActivity] WITH (HOLDLOCK) AS t
USING (
    SELECT c.SenderCodeId, c.ListId, c.BucketStartUtc, c.Kind, c.Detail, COUNT(*) AS [Count], SUM(c.PendingDelta) AS PendingDelta
    FROM (SELECT e.SenderCodeId, e.ListId, DATEADD(HOUR, DATEDIFF(HOUR, CAST(''19000101'' AS datetime2), e.OccurredUtc), CAST(''19000101'' AS datetime2)) AS BucketStartUtc, CASE WHEN e.StateBefore NOT IN (N''Subscribed'', N''Pending'') AND e.StateAfter IN (N''Subscribed'', N''Pending'') THEN 1 WHEN e.StateBefore IN (N''Subscribed'', N''Pending'') AND e.StateAfter NOT IN (N''Subscribed'', N''Pending'') THEN 2 ELSE 3 END AS Kind, CASE WHEN e.StateBefore NOT IN (N''Subscribed'', N''Pending'') AND e.StateAfter IN (N''Subscribed'', N''Pending'') THEN (CASE WHEN e.Change = N''Resubscribed'' THEN 100 ELSE COALESCE(e.Method, -1) END) WHEN e.StateBefore IN (N''Subscribed'', N''Pending'') AND e.StateAfter NOT IN (N''Subscribed'', N''Pending'') THEN (CASE WHEN e.Change = N''Unsubscribed'' THEN 100 WHEN e.Change = N''Confirmation refused'' THEN 101 ELSE CASE WHEN e.StateAfter = N''Banned'' THEN 1 WHEN e.StateAfter IN (N''Opted out (Carrier deactivation)'', N''Opted out (CarrierDeactivation)'') THEN 2 WHEN e.StateAfter = N''Opted out (Import)'' THEN 3 WHEN e.StateAfter = N''Opted out (Manual)'' THEN 4 WHEN e.StateAfter IN (N''Opted out (STOP keyword)'', N''Opted out (StopKeyword)'') THEN 5 ELSE -1 END END) ELSE 0 END AS Detail, (CASE WHEN e.StateAfter = N''Pending'' THEN 1 ELSE 0 END) - (CASE WHEN e.StateBefore = N''Pending'' THEN 1 ELSE 0 END) AS PendingDelta FROM inserted AS e WHERE e.ListId IS NOT NULL AND e.StateBefore <> e.StateAfter AND (e.StateBefore IN (N''Subscribed'', N''Pending'') OR e.StateAfter IN (N''Subscribed'', N''Pending''))) AS c
    GROUP BY c.SenderCodeId, c.ListId, c.BucketStartUtc, c.Kind, c.Detail) AS s
ON t.SenderCodeId = s.SenderCodeId AND t.BucketMinutes = 60 AND t.BucketStartUtc = s.BucketStartUtc
    AND t.ListId = s.ListId AND t.Kind = s.Kind AND t.Detail = s.Detail
WHEN MATCHED THEN UPDATE SET t.[Count] = t.[Count] + s.[Count], t.PendingDelta = t.PendingDelta + s.PendingDelta
WHEN NOT MATCHED THEN INSERT (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Kind, Detail, [Count], PendingDelta)
    VALUES (s.SenderCodeId, s.ListId, 60, s.BucketStartUtc, s.Kind, s.Detail, s.[Count], s.PendingDelta);
MERGE [ListActivity] WITH (HOLDLOCK) AS t
USING (
    SELECT c.SenderCodeId, c.ListId, c.BucketStartUtc, c.Kind, c.Detail, COUNT(*) AS [Count], SUM(c.PendingDelta) AS PendingDelta
    FROM (SELECT e.SenderCodeId, e.ListId, DATEADD(MINUTE, DATEDIFF(MINUTE, CAST(''19000101'' AS datetime2), e.OccurredUtc) / 15 * 15, CAST(''19000101'' AS datetime2)) AS BucketStartUtc, CASE WHEN e.StateBefore NOT IN (N''Subscribed'', N''Pending'') AND e.StateAfter IN (N''Subscribed'', N''Pending'') THEN 1 WHEN e.StateBefore IN (N''Subscribed'', N''Pending'') AND e.StateAfter NOT IN (N''Subscribed'', N''Pending'') THEN 2 ELSE 3 END AS Kind, CASE WHEN e.StateBefore NOT IN (N''Subscribed'', N''Pending'') AND e.StateAfter IN (N''Subscribed'', N''Pending'') THEN (CASE WHEN e.Change = N''Resubscribed'' THEN 100 ELSE COALESCE(e.Method, -1) END) WHEN e.StateBefore IN (N''Subscribed'', N''Pending'') AND e.StateAfter NOT IN (N''Subscribed'', N''Pending'') THEN (CASE WHEN e.Change = N''Unsubscribed'' THEN 100 WHEN e.Change = N''Confirmation refused'' THEN 101 ELSE CASE WHEN e.StateAfter = N''Banned'' THEN 1 WHEN e.StateAfter IN (N''Opted out (Carrier deactivation)'', N''Opted out (CarrierDeactivation)'') THEN 2 WHEN e.StateAfter = N''Opted out (Import)'' THEN 3 WHEN e.StateAfter = N''Opted out (Manual)'' THEN 4 WHEN e.StateAfter IN (N''Opted out (STOP keyword)'', N''Opted out (StopKeyword)'') THEN 5 ELSE -1 END END) ELSE 0 END AS Detail, (CASE WHEN e.StateAfter = N''Pending'' THEN 1 ELSE 0 END) - (CASE WHEN e.StateBefore = N''Pending'' THEN 1 ELSE 0 END) AS PendingDelta FROM inserted AS e WHERE e.ListId IS NOT NULL AND e.StateBefore <> e.StateAfter AND (e.StateBefore IN (N''Subscribed'', N''Pending'') OR e.StateAfter IN (N''Subscribed'', N''Pending''))) AS c
    GROUP BY c.SenderCodeId, c.ListId, c.BucketStartUtc, c.Kind, c.Detail) AS s
ON t.SenderCodeId = s.SenderCodeId AND t.BucketMinutes = 15 AND t.BucketStartUtc = s.BucketStartUtc
    AND t.ListId = s.ListId AND t.Kind = s.Kind AND t.Detail = s.Detail
WHEN MATCHED THEN UPDATE SET t.[Count] = t.[Count] + s.[Count], t.PendingDelta = t.PendingDelta + s.PendingDelta
WHEN NOT MATCHED THEN INSERT (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Kind, Detail, [Count], PendingDelta)
    VALUES (s.SenderCodeId, s.ListId, 15, s.BucketStartUtc, s.Kind, s.Detail, s.[Count], s.PendingDelta);
END')

INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
VALUES (N'20261202021959_AddHourlyListActivity', N'10.0.15');

COMMIT;
GO

BEGIN TRANSACTION;
ALTER TABLE [Messages] ADD [ImportId] uniqueidentifier NULL;

ALTER TABLE [Imports] ADD [JournalDeletedUtc] datetime2 NULL;

ALTER TABLE [Imports] ADD [Journaled] bit NOT NULL DEFAULT CAST(0 AS bit);

CREATE TABLE [ImportJournal] (
    [ImportId] uniqueidentifier NOT NULL,
    [ContactId] bigint NOT NULL,
    [Created] bit NOT NULL,
    [WrittenUtc] datetime2 NOT NULL,
    [VersionAfter] int NOT NULL,
    [Subscribed] bit NOT NULL,
    [StatusBefore] int NULL,
    [ConfirmedBeforeUtc] datetime2 NULL,
    [MarketingBefore] bit NULL,
    [CartBefore] bit NULL,
    [MarketingAfter] bit NULL,
    [CartAfter] bit NULL,
    [OtherReplyBefore] nvarchar(1600) NULL,
    [OtherReplyBeforeUtc] datetime2 NULL,
    [OptedOut] bit NOT NULL,
    [EmailBefore] nvarchar(254) NULL,
    [EmailAfter] nvarchar(254) NULL,
    [FirstNameBefore] nvarchar(100) NULL,
    [FirstNameAfter] nvarchar(100) NULL,
    [LastNameBefore] nvarchar(100) NULL,
    [LastNameAfter] nvarchar(100) NULL,
    [BirthdayBefore] date NULL,
    [BirthdayAfter] date NULL,
    [PostalCodeBefore] nvarchar(20) NULL,
    [PostalCodeAfter] nvarchar(20) NULL,
    [ChangedSince] bit NOT NULL,
    CONSTRAINT [PK_ImportJournal] PRIMARY KEY ([ImportId], [ContactId])
);

CREATE TABLE [ImportJournalFieldValues] (
    [ImportId] uniqueidentifier NOT NULL,
    [ContactId] bigint NOT NULL,
    [FieldId] int NOT NULL,
    [Before] nvarchar(500) NULL,
    [After] nvarchar(500) NULL,
    CONSTRAINT [PK_ImportJournalFieldValues] PRIMARY KEY ([ImportId], [ContactId], [FieldId])
);

CREATE TABLE [ImportJournalSubscriptions] (
    [ImportId] uniqueidentifier NOT NULL,
    [ContactId] bigint NOT NULL,
    [ListId] int NOT NULL,
    [Status] int NOT NULL,
    [SubscribedUtc] datetime2 NOT NULL,
    [Method] int NOT NULL,
    [Keyword] nvarchar(30) NULL,
    [MarketingConsent] bit NOT NULL,
    [CartAbandonmentConsent] bit NOT NULL,
    [ConfirmedUtc] datetime2 NULL,
    CONSTRAINT [PK_ImportJournalSubscriptions] PRIMARY KEY ([ImportId], [ContactId], [ListId])
);

CREATE TABLE [ImportUndos] (
    [ImportId] uniqueidentifier NOT NULL,
    [Status] int NOT NULL,
    [UserId] nvarchar(450) NOT NULL,
    [UserName] nvarchar(256) NOT NULL,
    [RequestedUtc] datetime2 NOT NULL,
    [ConfirmedAgreedAgain] bit NOT NULL,
    [StartedUtc] datetime2 NULL,
    [CompletedUtc] datetime2 NULL,
    [Error] nvarchar(2000) NULL,
    [Contacts] int NOT NULL,
    [CheckpointContactId] bigint NOT NULL,
    [ContactsDone] int NOT NULL,
    [ContactsRemoved] int NOT NULL,
    [SubscriptionsRemoved] int NOT NULL,
    [FieldsSetBack] int NOT NULL,
    [StatusesSetBack] int NOT NULL,
    [ConsentSetBack] int NOT NULL,
    [OptOutsLifted] int NOT NULL,
    [TextsCancelled] int NOT NULL,
    [ContactsChangedSince] int NOT NULL,
    CONSTRAINT [PK_ImportUndos] PRIMARY KEY ([ImportId]),
    CONSTRAINT [FK_ImportUndos_Imports_ImportId] FOREIGN KEY ([ImportId]) REFERENCES [Imports] ([Id]) ON DELETE CASCADE
);

CREATE INDEX [IX_Messages_Import] ON [Messages] ([ImportId], [ContactId]) WHERE "ImportId" IS NOT NULL;

INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
VALUES (N'20261202032408_AddImportJournalAndUndo', N'10.0.15');

COMMIT;
GO

