//! Sending e-mail: nodemailer, SendGrid, smtplib, Flask-Mail, Django's mail functions (the latter listed in `django`).
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

// ----- Models: how models, fields and relations are declared. -----

// ----- Clients and calls: connections, blocking calls, slow side work. -----

use super::calls::Sender;

/// nodemailer (a transporter's `sendMail`) and SendGrid's `@sendgrid/mail`.
pub const JS_SENDERS: &[Sender] = &[
    Sender {
        library: "nodemailer",
        functions: &[],
        clients: &[
            "nodemailer.createTransport()",
            "nodemailer.createTransporter()",
            "nodemailer.default.createTransport()",
        ],
        methods: &["sendMail"],
    },
    Sender {
        library: "SendGrid",
        functions: &[
            "@sendgrid/mail.send",
            "@sendgrid/mail.sendMultiple",
            "@sendgrid/mail.default.send",
            "@sendgrid/mail.default.sendMultiple",
        ],
        clients: &["@sendgrid/mail.MailService()"],
        methods: &["send", "sendMultiple"],
    },
];

/// smtplib's clients and SendGrid's `SendGridAPIClient` (Django's mail is in `django`, Flask-Mail in
/// `flask`).
pub const PYTHON_SENDERS: &[Sender] = &[
    Sender {
        library: "smtplib",
        functions: &[],
        clients: &["smtplib.SMTP()", "smtplib.SMTP_SSL()", "smtplib.LMTP()"],
        methods: &["sendmail", "send_message"],
    },
    Sender {
        library: "SendGrid",
        functions: &[],
        clients: &["sendgrid.SendGridAPIClient()"],
        methods: &["send"],
    },
];

/// The modules the Python senders above are imported from.
pub const PYTHON_MODULES: &[&str] = &["smtplib", "sendgrid"];
