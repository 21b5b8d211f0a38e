//! PDF generation: puppeteer and playwright `page.pdf`, pdfkit, WeasyPrint, ReportLab, xhtml2pdf.
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

// ----- Models: how models, fields and relations are declared. -----

// ----- Clients and calls: connections, blocking calls, slow side work. -----

use super::calls::{Argument, Browser};

/// Headless browsers whose pages render PDFs (`(await browser.newPage()).pdf()`).
pub const BROWSERS: &[Browser] = &[
    Browser {
        module: "puppeteer",
        library: "puppeteer",
    },
    Browser {
        module: "puppeteer-core",
        library: "puppeteer",
    },
    Browser {
        module: "playwright",
        library: "playwright",
    },
    Browser {
        module: "playwright-core",
        library: "playwright",
    },
    Browser {
        module: "playwright-chromium",
        library: "playwright",
    },
    Browser {
        module: "@playwright/test",
        library: "playwright",
    },
];

/// The call a browser page comes from, as it appears in a qualified name.
pub const BROWSER_PAGE: &str = "newPage()";

/// The page method that renders a PDF.
pub const PAGE_PDF: &str = "pdf";

/// The option of `page.pdf(...)` naming the file it also writes.
pub const PAGE_PDF_PATH: &str = "path";

/// pdfkit (JavaScript): `new PDFDocument()` builds a document.
pub const PDFKIT_DOCUMENTS: &[&str] = &["pdfkit", "pdfkit.default", "pdfkit.PDFDocument"];

/// pdfkit, the JavaScript library and the Python wrapper of wkhtmltopdf alike: its module and its name
/// in messages.
pub const PDFKIT: &str = "pdfkit";

/// WeasyPrint: its module (and name), `HTML(...).write_pdf(target)`.
pub const WEASYPRINT: &str = "weasyprint";
/// WeasyPrint's name in messages.
pub const WEASYPRINT_LIBRARY: &str = "WeasyPrint";
/// WeasyPrint's rendering method.
pub const WEASYPRINT_RENDER: &str = "write_pdf";
/// The file or buffer `write_pdf` writes to (without one, it returns the bytes).
pub const WEASYPRINT_TARGET: Argument = Argument {
    position: 0,
    keyword: "target",
};

/// Python pdfkit's functions (`pdfkit.from_string(html, path)`).
pub const PDFKIT_RENDERS: &[&str] = &["from_string", "from_url", "from_file"];
/// The path they write to (without one, or with `False`, they return the bytes).
pub const PDFKIT_OUTPUT_PATH: Argument = Argument {
    position: 1,
    keyword: "output_path",
};

/// xhtml2pdf's renderers.
pub const XHTML2PDF_RENDERERS: &[&str] =
    &["xhtml2pdf.pisa.CreatePDF", "xhtml2pdf.pisa.pisaDocument"];
/// xhtml2pdf's name in messages.
pub const XHTML2PDF_LIBRARY: &str = "xhtml2pdf";
/// The file or buffer they write to.
pub const XHTML2PDF_DEST: Argument = Argument {
    position: 1,
    keyword: "dest",
};

/// ReportLab: its module (and name).
pub const REPORTLAB: &str = "reportlab";
/// What renders a ReportLab document: the call that made it, as a qualified name shows it, and the
/// method (`Canvas(...).save()`, `SimpleDocTemplate(...).build(story)`).
pub const REPORTLAB_RENDERS: &[(&str, &str)] = &[
    ("Canvas()", "save"),
    ("DocTemplate()", "build"),
    ("DocTemplate()", "multiBuild"),
];
/// ReportLab's document classes.
pub const REPORTLAB_DOCUMENTS: &[&str] = &["Canvas", "SimpleDocTemplate", "BaseDocTemplate"];
/// The file or buffer a document is created on.
pub const REPORTLAB_FILENAME: Argument = Argument {
    position: 0,
    keyword: "filename",
};

/// The modules Python's PDF renderers above are imported from.
pub const PYTHON_MODULES: &[&str] = &[WEASYPRINT, PDFKIT, "xhtml2pdf", REPORTLAB];
