use crate::helpers::{handler_label, short, unwrap};
use snag_core::rule::{Rule, RuleContext, RuleMeta};
use snag_core::semantic::{
    syntax, BindingId, BindingKind, FunctionId, HandlerOrigin, QualifiedName, Semantic, ValueStep,
};
use snag_core::frameworks::calls::{self, Argument, Sender};
use snag_core::frameworks::web::{self, ResponseParameter};
use snag_core::frameworks::{aws_lambda, celery, images, node, pdf, queues};
use snag_core::NodeFields;
use snag_core::{LanguageFamily, Span};
use tree_sitter::Node;

declare_rule! {
    /// ## What it does
    /// Flags slow side work done inside request handler code when the user does not need its result in
    /// the response:
    ///
    /// - **sending e-mail:** nodemailer `transporter.sendMail(...)` (the transporter from
    ///   `nodemailer.createTransport(...)`), `@sendgrid/mail` `sgMail.send(...)`/`sendMultiple(...)`; Django
    ///   `send_mail`, `send_mass_mail`, `mail_admins`, `mail_managers`, `EmailMessage(...).send()`,
    ///   `EmailMultiAlternatives(...).send()`, `get_connection().send_messages(...)`; `smtplib.SMTP(...)`
    ///   `sendmail`/`send_message`; Flask-Mail `mail.send(...)`; `SendGridAPIClient(...).send(...)`;
    /// - **rendering a PDF:** puppeteer/playwright `page.pdf(...)`, pdfkit (`new PDFDocument()` in
    ///   JavaScript, `pdfkit.from_string/from_url/from_file` in Python), `weasyprint.HTML(...).write_pdf()`,
    ///   reportlab `Canvas(...).save()` and `SimpleDocTemplate(...).build(...)`, xhtml2pdf `pisa.CreatePDF`;
    /// - **processing an image:** `sharp(...)` pipelines (`toBuffer`/`toFile`), Jimp (`Jimp.read(...)` then
    ///   `write`/`getBuffer`), Pillow `Image.open(...)` then `.save(...)` (after `resize`/`thumbnail`).
    ///
    /// Handler code is every kind of route the semantic layer knows (Express, Fastify, Koa, NestJS,
    /// Next.js, Lambda; Django function and class-based views, DRF, Flask, FastAPI, ...), sync or async,
    /// functions another file of the project registers as handlers, and the functions they call in the same file. Names are resolved through imports, aliases and
    /// variables bound to clients (`const transporter = nodemailer.createTransport()` at module level).
    /// The call is flagged whether it is awaited or not (Django's `send_mail` is synchronous).
    ///
    /// ## Why is this bad?
    /// An SMTP round trip, a PDF render or an image resize takes hundreds of milliseconds to seconds. Done
    /// inside the request, the user waits for work they do not need to see, the request holds a worker (a
    /// process, a thread or event-loop time) all along, so fewer requests are served at once, and when the
    /// mail server or the renderer fails, the request fails with it, with no retry. A job queue does the
    /// work in the background, retries it and keeps the response fast.
    ///
    /// ## Example
    /// ```js
    /// const transporter = nodemailer.createTransport(SMTP_URL);
    /// app.post('/signup', async (req, res) => {
    ///   const user = await createUser(req.body);
    ///   await transporter.sendMail({ to: user.email, subject: 'Welcome', html: welcome(user) });
    ///   res.status(201).json(user);
    /// });
    /// ```
    /// ```python
    /// def signup(request):
    ///     user = form.save()
    ///     send_mail("Welcome", body, None, [user.email])
    ///     return redirect("home")
    /// ```
    ///
    /// ## Use instead
    /// ```js
    /// app.post('/signup', async (req, res) => {
    ///   const user = await createUser(req.body);
    ///   await emailQueue.add('welcome', { userId: user.id }); // BullMQ; a Worker sends it
    ///   res.status(201).json(user);
    /// });
    /// ```
    /// ```python
    /// def signup(request):
    ///     user = form.save()
    ///     send_welcome_email.delay(user.pk)  # Celery (or RQ: queue.enqueue(send_welcome_email, user.pk))
    ///     return redirect("home")
    /// ```
    ///
    /// ## Stays quiet on
    /// - work whose result is the response itself, a PDF or thumbnail the user downloads: the value (or the
    ///   buffer or file it was written to) is sent (`res.send(await page.pdf())`, `reply.send(buffer)`,
    ///   `doc.pipe(res)`, `ctx.body = ...`, `res.sendFile(path)`) or returned (`HttpResponse(pdf)`,
    ///   `FileResponse(buffer)`, `StreamingResponse(...)`, `new Response(pdf)`, a Lambda or Next.js result);
    /// - a PDF handed to another call (`outbuffer = renderer.render_background(buffer)`) whose result the
    ///   code reads content from (`outbuffer.read()`) and returns or sends: that result carries the PDF;
    /// - sending that is the user's action, whose failure the user is shown: the call (or the call of the
    ///   helper that sends) sits in a `try` whose handler shows a message (`messages.error(request, ...)`,
    ///   `flash(...)`, or any call handed both the request and the caught error, such as a project's own
    ///   wrapper of the messages framework), returns (in the handler itself) or sends a response, or
    ///   raises a new error for the view (`raise PostingFailed(...)`): an admin's "send a test e-mail", a
    ///   post to a mailing list. A handler that only logs, or re-raises the error as it is, does not count;
    /// - enqueuing: BullMQ/bee-queue `queue.add(...)`, Celery `task.delay(...)`/`apply_async(...)`, RQ
    ///   `queue.enqueue(...)`, Dramatiq `actor.send(...)`, FastAPI `background_tasks.add_task(send, ...)`
    ///   (the function is handed over, not called);
    /// - the same calls in workers and tasks (BullMQ `new Worker(...)` processors, Celery `@shared_task`/
    ///   `@app.task`, Dramatiq `@actor`, RQ `@job` functions), AWS Lambda handlers that consume
    ///   `event.Records` (S3, SQS, SNS triggers: already background work), functions only handed to a
    ///   `Thread(target=...)`, scripts and other code that is not handler code;
    /// - the image or PDF itself inside a JSON body (`JsonResponse({"chart": base64.b64encode(...)})`): that
    ///   is the response too (a size, a path or a URL in the body is not, and stays flagged);
    /// - clients of unknown origin (a `page` or `mailer` passed in as a parameter): names are resolved, not
    ///   guessed;
    /// - test files.
    pub struct OffloadToQueue {
        id: "offload-to-queue",
        summary: "Slow side work (e-mail, PDF rendering, image processing) done inside a request",
        severity: Warning,
        fix: None,
        status: Stable,
        since: "0.1.0",
        targets: [
            JavaScript {
                kinds: ["call_expression", "new_expression"],
                // The library, named (`puppeteer` also covers `puppeteer-core`).
                triggers: [calls::js_side_work_libraries().into_iter().map(literal).collect::<Vec<_>>()],
                requires: [[snag_core::semantic::js_handler_triggers()]],
            },
            Python {
                kinds: ["call"],
                // The library, imported (Django's mail through `django`), and named (`mail`).
                triggers: [calls::python_side_work_packages().into_iter().map(import).collect::<Vec<_>>()],
                requires: [
                    [calls::python_side_work_libraries().into_iter().map(literal).collect::<Vec<_>>()],
                    // The function or method that does the work.
                    [calls::python_side_work_methods().into_iter().map(literal).collect::<Vec<_>>()],
                ],
            },
        ],
    }
}

impl Rule for OffloadToQueue {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, call: Node<'_>, ctx: &mut RuleContext<'_, '_>) {
        let semantic = ctx.semantic();
        let Some(slow) = slow_call(semantic, call) else {
            return;
        };
        let Some(handler) = semantic.handler_function(call) else {
            return;
        };
        if semantic.in_job(call) || is_event_consumer(semantic, handler) {
            return;
        }
        if slow.work != Work::Email && result_is_response(semantic, call, &slow) {
            return;
        }
        // Rendered once per process and remembered (`if (tile !== undefined) return tile; tile = await
        // sharp(...)...`): not per request.
        if slow.work != Work::Email && semantic.is_computed_once(call) {
            return;
        }
        if slow.work == Work::Email && failure_is_shown(semantic, call, 0) {
            return;
        }
        let python = semantic.language().family() == LanguageFamily::Python;
        let fire_and_forget = !python && is_fire_and_forget(semantic, call);
        let what = format!("`{}`", described_call(semantic, call));
        let (doing, cost) = match slow.work {
            Work::Email => (
                format!("{what} sends an e-mail ({}) inside the request", slow.library),
                "an SMTP or API round trip takes hundreds of milliseconds to seconds",
            ),
            Work::Pdf => (
                format!(
                    "{what} renders a PDF ({}) inside the request, and the PDF is not the response",
                    slow.library
                ),
                "rendering takes hundreds of milliseconds to seconds of CPU and memory",
            ),
            Work::Image => (
                format!(
                    "{what} processes an image ({}) inside the request, and the image is not the response",
                    slow.library
                ),
                "decoding, resizing and encoding take hundreds of milliseconds of CPU per image",
            ),
        };
        let why = if fire_and_forget {
            "it is not awaited, so the user does not wait, but the web process still does the work, and a \
             failure (or a restart or deploy) loses it with no retry"
        } else {
            "the user waits for work they do not need, the request holds a worker all along, and if it \
             fails, the request fails with no retry"
        };
        let message = format!("{doing}: {cost}; {why}.");
        let (job, task) = match slow.work {
            Work::Email => ("send-email", "send_email"),
            Work::Pdf => ("render-pdf", "render_pdf"),
            Work::Image => ("resize-image", "resize_image"),
        };
        let help = if python {
            format!(
                "Move it into a task and enqueue it: {}, passing ids rather than objects; the worker \
                 retries failures and the response returns at once.",
                celery::enqueue_example(task)
            )
        } else {
            format!(
                "Enqueue a job and return at once: {}, passing ids rather than objects, and do the work \
                 in {}, which retries failures.",
                queues::enqueue_example(job),
                queues::WORKER_EXAMPLE
            )
        };
        let mut diagnostic = ctx.diagnostic(call, message).with_help(help);
        if let Some((span, label)) = client_label(semantic, call) {
            diagnostic = diagnostic.with_label(span, label);
        }
        if let Some(label) = handler_label(semantic, handler) {
            diagnostic.labels.push(label);
        }
        ctx.report(diagnostic);
    }
}

/// What kind of slow work a call does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Work {
    Email,
    Pdf,
    Image,
}

/// A recognised slow call.
struct SlowCall<'t> {
    work: Work,
    /// The library, for the message.
    library: &'static str,
    /// Whether the call's value is the output (a buffer, bytes, a document stream).
    value_is_output: bool,
    /// Where the output is written (a buffer, a path, a response object), when the call names it.
    targets: Vec<Node<'t>>,
}

/// Classifies a call as slow side work.
fn slow_call<'t>(semantic: &Semantic<'t>, call: Node<'t>) -> Option<SlowCall<'t>> {
    let name = resolved_callee(semantic, call)?;
    match semantic.language().family() {
        LanguageFamily::JavaScript => slow_javascript(semantic, call, &name),
        LanguageFamily::Python => slow_python(semantic, call, &name),
    }
}

fn slow_javascript<'t>(
    semantic: &Semantic<'t>,
    call: Node<'t>,
    name: &QualifiedName,
) -> Option<SlowCall<'t>> {
    let last = name.last();
    let text = name.as_str();
    let slow = |work, library, value_is_output, targets| {
        Some(SlowCall {
            work,
            library,
            value_is_output,
            targets,
        })
    };
    // `new PDFDocument()`: a pdfkit document, built in the request.
    if call.kind() == "new_expression" {
        return if name.is_any(pdf::PDFKIT_DOCUMENTS) {
            slow(Work::Pdf, pdf::PDFKIT, true, Vec::new())
        } else {
            None
        };
    }
    if let Some(sender) = email_sender(LanguageFamily::JavaScript, name) {
        return slow(Work::Email, sender.library, false, Vec::new());
    }
    let browser = (last == pdf::PAGE_PDF && text.contains(pdf::BROWSER_PAGE))
        .then(|| pdf::BROWSERS.iter().find(|b| name.starts_with(b.module)))
        .flatten();
    if let Some(browser) = browser {
        // `page.pdf({ path })` also writes the file.
        let targets = semantic
            .argument(call, 0)
            .and_then(|options| semantic.object_property(options, pdf::PAGE_PDF_PATH))
            .into_iter()
            .collect();
        return slow(Work::Pdf, browser.library, true, targets);
    }
    let pipeline = images::JS_PIPELINES
        .iter()
        .find(|p| p.roots.iter().any(|root| name.starts_with(root)))?;
    if pipeline.buffer_outputs.contains(&last) {
        slow(Work::Image, pipeline.library, true, Vec::new())
    } else if pipeline.file_outputs.contains(&last) {
        slow(
            Work::Image,
            pipeline.library,
            false,
            semantic.argument(call, 0).into_iter().collect(),
        )
    } else {
        None
    }
}

/// The e-mail API a callee belongs to: one of its sending functions, or a sending method of one of its
/// clients.
fn email_sender(family: LanguageFamily, name: &QualifiedName) -> Option<&'static Sender> {
    calls::email_sender(family, name.as_str())
}

fn slow_python<'t>(
    semantic: &Semantic<'t>,
    call: Node<'t>,
    name: &QualifiedName,
) -> Option<SlowCall<'t>> {
    let last = name.last();
    let text = name.as_str();
    let slow = |work, library, value_is_output, targets| {
        Some(SlowCall {
            work,
            library,
            value_is_output,
            targets,
        })
    };
    if let Some(sender) = email_sender(LanguageFamily::Python, name) {
        return slow(Work::Email, sender.library, false, Vec::new());
    }
    if name.starts_with(pdf::WEASYPRINT) && last == pdf::WEASYPRINT_RENDER {
        let target = argument(semantic, call, pdf::WEASYPRINT_TARGET);
        return slow(
            Work::Pdf,
            pdf::WEASYPRINT_LIBRARY,
            target.is_none(),
            target.into_iter().collect(),
        );
    }
    if name.parent() == Some(pdf::PDFKIT) && pdf::PDFKIT_RENDERS.contains(&last) {
        let target = argument(semantic, call, pdf::PDFKIT_OUTPUT_PATH)
            .filter(|t| !matches!(semantic.text(*t), "False" | "None"));
        return slow(
            Work::Pdf,
            pdf::PDFKIT,
            target.is_none(),
            target.into_iter().collect(),
        );
    }
    if name.is_any(pdf::XHTML2PDF_RENDERERS) {
        return slow(
            Work::Pdf,
            pdf::XHTML2PDF_LIBRARY,
            false,
            argument(semantic, call, pdf::XHTML2PDF_DEST)
                .into_iter()
                .collect(),
        );
    }
    if name.starts_with(pdf::REPORTLAB) {
        let is_render = pdf::REPORTLAB_RENDERS
            .iter()
            .any(|(document, method)| text.contains(document) && last == *method);
        if !is_render {
            return None;
        }
        // The file or buffer the document was created on: `canvas.Canvas(buffer)`.
        let receiver = semantic.callee(call).and_then(|c| c.field("object"));
        let target = receiver
            .and_then(|r| constructor_call(semantic, r, 0))
            .and_then(|c| argument(semantic, c, pdf::REPORTLAB_FILENAME));
        return slow(
            Work::Pdf,
            pdf::REPORTLAB,
            false,
            target.into_iter().collect(),
        );
    }
    if images::PILLOW_ROOTS.iter().any(|r| name.starts_with(r)) && last == images::PILLOW_OUTPUT {
        return slow(
            Work::Image,
            images::PILLOW_LIBRARY,
            false,
            argument(semantic, call, images::PILLOW_FP)
                .into_iter()
                .collect(),
        );
    }
    None
}

/// The argument of `call` at a position or keyword.
fn argument<'t>(semantic: &Semantic<'t>, call: Node<'t>, argument: Argument) -> Option<Node<'t>> {
    semantic.argument_for(call, argument.position, argument.keyword)
}

/// The callee's qualified name; when a variable on the way was reassigned, its first value is followed
/// (`img = Image.open(f)` then `img = img.convert("RGB")` still resolves to a Pillow image).
fn resolved_callee(semantic: &Semantic<'_>, call: Node<'_>) -> Option<QualifiedName> {
    if let Some(name) = semantic.callee_name(call) {
        return Some(name);
    }
    loose_name(semantic, semantic.callee(call)?, 0)
}

fn loose_name(semantic: &Semantic<'_>, node: Node<'_>, depth: u32) -> Option<QualifiedName> {
    if depth > 10 {
        return None;
    }
    if let Some(name) = semantic.qualified_name(node) {
        return Some(name);
    }
    let node = unwrap(node);
    match node.kind() {
        "identifier" => {
            let binding = semantic.binding(semantic.resolve_identifier(node)?);
            if binding.kind != BindingKind::Variable || binding.destructured.is_some() {
                return None;
            }
            loose_name(semantic, binding.value?, depth + 1)
        }
        "member_expression" | "attribute" => {
            let object = node.field("object")?;
            let property = node.field("property").or_else(|| node.field("attribute"))?;
            Some(loose_name(semantic, object, depth + 1)?.member(semantic.text(property)))
        }
        "call_expression" | "call" | "new_expression" => {
            Some(loose_name(semantic, semantic.callee(node)?, depth + 1)?.called())
        }
        _ => None,
    }
}

/// The call that created an object (`canvas.Canvas(buffer)` for `p` in `p.save()`).
fn constructor_call<'t>(semantic: &Semantic<'t>, node: Node<'t>, depth: u32) -> Option<Node<'t>> {
    if depth > 8 {
        return None;
    }
    let node = unwrap(node);
    match node.kind() {
        "identifier" => {
            let binding = semantic.binding(semantic.resolve_identifier(node)?);
            constructor_call(semantic, binding.value?, depth + 1)
        }
        "call" | "call_expression" | "new_expression" => {
            let is_document = resolved_callee(semantic, node)
                .is_some_and(|n| pdf::REPORTLAB_DOCUMENTS.contains(&n.last()));
            if is_document {
                Some(node)
            } else {
                let object = semantic.callee(node)?.field("object")?;
                constructor_call(semantic, object, depth + 1)
            }
        }
        _ => None,
    }
}

/// The call for the message, arguments elided: `EmailMessage(...).send(...)`,
/// `sharp(...)....toFile(...)` for a long chain.
fn described_call(semantic: &Semantic<'_>, call: Node<'_>) -> String {
    let mut segments = Vec::new();
    let mut node = call;
    let prefix = loop {
        node = unwrap(node);
        match node.kind() {
            "call_expression" | "call" => {
                segments.push("(...)".to_string());
                match node.field("function") {
                    Some(callee) => node = callee,
                    None => break "",
                }
            }
            "new_expression" => {
                segments.push("(...)".to_string());
                if let Some(constructor) = node.field("constructor") {
                    segments.push(short(semantic.text(constructor)));
                }
                break "new ";
            }
            "member_expression" | "attribute" => {
                let property = node
                    .field("property")
                    .or_else(|| node.field("attribute"))
                    .map_or("", |p| semantic.text(p));
                segments.push(format!(".{property}"));
                match node.field("object") {
                    Some(object) => node = object,
                    None => break "",
                }
            }
            _ => {
                segments.push(short(semantic.text(node)));
                break "";
            }
        }
    };
    segments.reverse();
    let full = format!("{prefix}{}", segments.concat());
    if full.chars().count() <= 60 || segments.len() < 4 {
        return full;
    }
    // A long chain: its start and its last call.
    let head = segments.iter().take(2).cloned().collect::<String>();
    let tail = segments[segments.len() - 2..].concat();
    format!("{prefix}{head}...{tail}")
}

/// A label at the variable the client or document comes from, when it is declared elsewhere
/// (`const transporter = nodemailer.createTransport(...)` at module level).
fn client_label(semantic: &Semantic<'_>, call: Node<'_>) -> Option<(Span, String)> {
    let root = syntax::chain_root(semantic.callee(call)?)?;
    if root.kind() != "identifier" {
        return None;
    }
    let binding = semantic.binding(semantic.resolve_identifier(root)?);
    let value = binding.value?;
    if binding.kind != BindingKind::Variable
        || binding.declaration.start_position().row == call.start_position().row
    {
        return None;
    }
    Some((
        Span::from(binding.declaration),
        format!(
            "`{}` is created here: `{}`",
            binding.name,
            short(semantic.text(unwrap(value)))
        ),
    ))
}

/// An AWS Lambda handler that reads `event.Records` consumes S3, SQS, SNS or Kinesis events: it already
/// runs in the background, not for a waiting user.
fn is_event_consumer(semantic: &Semantic<'_>, handler: FunctionId) -> bool {
    let function = semantic.function(handler);
    let is_lambda = matches!(
        function.handler,
        Some(HandlerOrigin::Registered {
            framework: "AWS Lambda",
            ..
        })
    );
    is_lambda
        && semantic
            .parameter_bindings(handler)
            .into_iter()
            .flat_map(|parameter| semantic.reads(parameter, function.node))
            .any(|read| reads_records(semantic, read))
}

/// Whether a chain of members, items and calls on `value` reads `.Records` (`event.Records`,
/// `event.detail.Records[0]`).
fn reads_records<'t>(semantic: &Semantic<'t>, value: Node<'t>) -> bool {
    let mut current = value;
    loop {
        current = match semantic.value_step(current) {
            ValueStep::Receiver { property, .. } if property == aws_lambda::EVENT_RECORDS => {
                return true
            }
            ValueStep::Receiver { member, call, .. } => call.unwrap_or(member),
            ValueStep::Indexed { subscript } => subscript,
            _ => return false,
        };
    }
}

/// JavaScript: the call's promise is dropped (a bare statement, maybe with `.catch(...)`, or a callback
/// of `setImmediate`/`setTimeout`/`process.nextTick`), so the response does not wait for it.
fn is_fire_and_forget(semantic: &Semantic<'_>, call: Node<'_>) -> bool {
    let deferred = semantic.function_at(call).is_some_and(|id| {
        let function = semantic.function(id);
        function.handler.is_none()
            && matches!(
                semantic.value_step(function.node),
                ValueStep::Argument { call, .. } if semantic.callee_name(call).is_some_and(|n| {
                    n.is_any(node::DEFERRING_FUNCTIONS)
                })
            )
    });
    if deferred {
        return true;
    }
    // Climbed by hand rather than by value steps: an `await`, which a value step passes, keeps the
    // promise.
    let mut current = call;
    while let Some(parent) = current.parent() {
        match parent.kind() {
            "parenthesized_expression" => current = parent,
            "unary_expression" if semantic.text(parent).starts_with("void") => current = parent,
            "member_expression" => {
                let property = parent.field("property").map_or("", |p| semantic.text(p));
                let chained = parent.parent().filter(|g| {
                    g.kind() == "call_expression" && g.field("function") == Some(parent)
                });
                match chained {
                    Some(g) if matches!(property, "then" | "catch" | "finally") => current = g,
                    _ => return false,
                }
            }
            "expression_statement" => return true,
            _ => return false,
        }
    }
    false
}

// ----- is the outcome what the user waits for? -----

/// Whether sending is the user's action and its outcome part of the response: the call (or, in a helper
/// that handler code calls, that call) sits in a `try` whose handler tells the user it failed: a message
/// (`messages.error(request, ...)`, `flash(...)`), a response returned or sent, or a new error raised for
/// the view to show (`raise PostingFailed(...)`). An admin's "send a test e-mail", a post to a mailing
/// list: a queue would hide the very answer the user asked for. A handler that only logs does not count.
fn failure_is_shown(semantic: &Semantic<'_>, call: Node<'_>, depth: u32) -> bool {
    let function = semantic.function_at(call);
    let mut current = call;
    while let Some(parent) = current.parent() {
        if syntax::is_function_kind(parent.kind()) {
            break;
        }
        let in_body = parent.kind() == "try_statement"
            && parent.field("body").is_some_and(|b| b.id() == current.id());
        if in_body && handlers_of(parent).any(|h| tells_the_user(semantic, h)) {
            return true;
        }
        current = parent;
    }
    match function.and_then(|f| semantic.function(f).handler.as_ref()) {
        Some(HandlerOrigin::CalledFrom(span)) if depth < 3 => semantic
            .call_at(*span)
            .is_some_and(|caller| failure_is_shown(semantic, caller, depth + 1)),
        _ => false,
    }
}

/// The `except` clauses of a Python `try`, the `catch` clause of a JavaScript one.
fn handlers_of(try_statement: Node<'_>) -> impl Iterator<Item = Node<'_>> {
    let mut cursor = try_statement.walk();
    let clauses: Vec<_> = try_statement
        .named_children(&mut cursor)
        .filter(|c| matches!(c.kind(), "except_clause" | "catch_clause"))
        .collect();
    clauses.into_iter()
}

/// Whether an error handler reports the failure to the user (see [`failure_is_shown`]).
fn tells_the_user(semantic: &Semantic<'_>, handler: Node<'_>) -> bool {
    let mut stack = vec![handler];
    while let Some(node) = stack.pop() {
        let reports = match node.kind() {
            // A handler returning its error page (`return render(...)`); a `return False` only tells
            // the caller.
            "return_statement" => {
                let page = node.named_child(0).is_some_and(|v| {
                    matches!(unwrap(v).kind(), "call" | "call_expression" | "new_expression")
                });
                page && semantic.function_at(node).is_some_and(|f| {
                    matches!(semantic.function(f).handler, Some(HandlerOrigin::Registered { .. }))
                })
            }
            // `raise PostingFailed(...)`, `throw new HttpError(...)`; a bare `raise` or `throw err` is
            // what happens without the `try`.
            "raise_statement" | "throw_statement" => node.named_child(0).is_some_and(|e| {
                matches!(unwrap(e).kind(), "call" | "new_expression" | "call_expression")
            }),
            "call" | "call_expression" => {
                semantic
                    .callee_name(node)
                    .is_some_and(|name| calls::is_user_message(name.as_str()))
                    || is_response_call(semantic, node)
                    || hands_error_with_request(semantic, node, handler)
            }
            _ => false,
        };
        if reports {
            return true;
        }
        // A callback defined in the handler runs some other time.
        if !syntax::is_function_kind(node.kind()) || node.id() == handler.id() {
            let mut cursor = node.walk();
            stack.extend(node.named_children(&mut cursor));
        }
    }
    false
}

/// A call handed both the caught error and the handler's request (`messages.error(request, ... % error)`
/// through a project's own wrapper of the messages framework): the error goes to this user's page.
fn hands_error_with_request(semantic: &Semantic<'_>, call: Node<'_>, handler: Node<'_>) -> bool {
    let arguments = semantic.arguments(call);
    let is_request = |argument: Node<'_>| {
        let argument = unwrap(argument);
        argument.kind() == "identifier"
            && semantic
                .resolve_identifier(argument)
                .and_then(|b| semantic.parameter_position(b))
                .is_some_and(|(function, position)| {
                    position == 0
                        && matches!(
                            semantic.function(function).handler,
                            Some(HandlerOrigin::Registered { .. })
                        )
                })
    };
    let Some(error) = caught_error_name(semantic, handler) else {
        return false;
    };
    arguments.iter().any(|a| is_request(*a))
        && arguments
            .iter()
            .any(|a| semantic.names_in(*a).any(|n| semantic.text(n) == error))
}

/// The name an error handler binds the error to: `error` of `except Exception as error:` and of
/// `catch (error)`.
fn caught_error_name<'t>(semantic: &Semantic<'t>, handler: Node<'t>) -> Option<&'t str> {
    if let Some(parameter) = handler.field("parameter") {
        return (parameter.kind() == "identifier").then(|| semantic.text(parameter));
    }
    let mut cursor = handler.walk();
    let pattern = handler
        .named_children(&mut cursor)
        .find(|c| c.kind() == "as_pattern")?;
    let alias = pattern.field("alias")?;
    let name = if alias.kind() == "as_pattern_target" {
        alias.named_child(0)?
    } else {
        alias
    };
    (name.kind() == "identifier").then(|| semantic.text(name))
}

// ----- does the output reach the response? -----

/// Whether the call's output (its value, or the buffer, file or response it writes to) is sent or
/// returned as the response.
fn result_is_response(semantic: &Semantic<'_>, call: Node<'_>, slow: &SlowCall<'_>) -> bool {
    let mut flow = Flow {
        semantic,
        tainted: Vec::new(),
        budget: 400,
    };
    if slow.value_is_output && flow.reaches(call, true, false, 0) {
        return true;
    }
    slow.targets.iter().any(|&target| {
        let target = unwrap(target);
        match target.kind() {
            // `img.save(response)`: the response object itself.
            "identifier" | "shorthand_property_identifier" => {
                if is_response_parameter(semantic, target) {
                    return true;
                }
                semantic
                    .lookup(semantic.text(target), target)
                    .is_some_and(|b| flow.taint(b, false, false, 0))
            }
            // `doc.pipe(res)`-like targets written inline are not followed.
            _ => false,
        }
    })
}

/// Follows a value through the handler: assignments, method calls, arguments, returns. Where the value
/// goes is the semantic layer's answer ([`Semantic::value_step`]); what counts as the response, and what a
/// call does with what it is handed, is this rule's.
struct Flow<'s, 't> {
    semantic: &'s Semantic<'t>,
    /// Bindings already followed, with whether they carried the content and whether they came out of a
    /// call snag cannot name.
    tainted: Vec<(BindingId, bool, bool)>,
    /// Steps left (a guard against pathological files).
    budget: u32,
}

impl<'t> Flow<'_, 't> {
    /// Whether the value at `node` reaches the response. `content` is false while it is only a reference
    /// to the output (a path, a buffer object): such a reference inside a JSON body or a string is not the
    /// output itself. `opaque` is true while the value is what another call returned after being handed
    /// the output (`outbuffer = renderer.render_background(buffer)`, `url = storage.url(path)`): it carries
    /// the output only if the code then reads content from it (`outbuffer.read()`).
    fn reaches(&mut self, node: Node<'t>, mut content: bool, mut opaque: bool, depth: u32) -> bool {
        let semantic = self.semantic;
        let mut embedded = false;
        let mut current = node;
        loop {
            if self.budget == 0 {
                // Out of budget: assume the response (when in doubt, do not flag).
                return true;
            }
            self.budget -= 1;
            let delivered = content || (!embedded && !opaque);
            match semantic.value_step(current) {
                ValueStep::Returned { function, caller } => {
                    return delivered && self.returned(function, caller, content, depth)
                }
                // `url = storage.url(path)`: the new variable is not the output.
                ValueStep::Bound { target, .. } => {
                    let followed = delivered || (opaque && !embedded);
                    return followed && self.taint_targets(target, content, opaque, depth);
                }
                ValueStep::Stored { target, .. } => {
                    // `ctx.body = buffer`: the Koa response.
                    let on_response = matches!(target.kind(), "member_expression" | "attribute")
                        && syntax::chain_root(target).is_some_and(|r| is_response_parameter(semantic, r));
                    // `attachment.content = pdf`: the object now carries it.
                    return delivered
                        && (on_response || self.taint_targets(target, content, false, depth));
                }
                // `buffer.getvalue()`, `pdf.toString('base64')`, `doc.pipe(res)`.
                ValueStep::Receiver {
                    property,
                    call: Some(call),
                    ..
                } => {
                    content = true;
                    opaque = false;
                    if is_response_call(semantic, call) {
                        return true;
                    }
                    // `doc.pipe(stream)`: the output flows into the stream.
                    let piped = property == node::PIPE
                        && semantic
                            .argument(call, 0)
                            .is_some_and(|stream| self.taint_root(stream, true, depth));
                    if piped {
                        return true;
                    }
                    current = call;
                }
                // `pdf.length`, `info.size`, `rows[0]`: a property, not the output.
                ValueStep::Receiver { member, .. } | ValueStep::Indexed { subscript: member } => {
                    content = false;
                    current = member;
                }
                ValueStep::Argument { call, .. } => {
                    if is_response_call(semantic, call) {
                        return delivered;
                    }
                    // Attaching a PDF to an e-mail or uploading it: another slow call, not the response.
                    if slow_call(semantic, call).is_some() {
                        return false;
                    }
                    if self.written_into_receiver(call, content, depth) {
                        return true;
                    }
                    // Handed to another call: a response class, an encoding or a helper of this file
                    // keeps the output, a file read gets it from a path; anything else (an upload, a
                    // model update) returns something else, such as a URL or a row, unless content is
                    // read from it later.
                    match call_kind(semantic, call) {
                        Passing::Response | Passing::Transform => {}
                        Passing::ReadsFile => content = true,
                        Passing::Other => {
                            content = false;
                            opaque = true;
                        }
                    }
                    current = call;
                }
                // Python's `return body, status`: Flask's tuple is the response, not a value holding it.
                ValueStep::Embedded { container } => {
                    embedded |= container.kind() != "expression_list";
                    current = container;
                }
                ValueStep::Fallback { expression, .. } => current = expression,
                _ => return false,
            }
        }
    }

    /// `response.write(pdf)`, `zip.file(name, pdf)`: the output flows into the receiver, which reaches
    /// the response.
    fn written_into_receiver(&mut self, call: Node<'t>, content: bool, depth: u32) -> bool {
        let semantic = self.semantic;
        let Some(callee) = semantic
            .callee(call)
            .filter(|c| matches!(c.kind(), "member_expression" | "attribute"))
        else {
            return false;
        };
        let method = callee
            .field("property")
            .or_else(|| callee.field("attribute"))
            .map_or("", |p| semantic.text(p));
        calls::is_write_method(method)
            && callee
                .field("object")
                .is_some_and(|o| self.taint_root(o, content, depth))
    }

    /// A `return` of the output: the response when the function is a registered handler; followed to
    /// the call site when it is a helper that handler code calls.
    fn returned(
        &mut self,
        function: FunctionId,
        caller: Option<Node<'t>>,
        content: bool,
        depth: u32,
    ) -> bool {
        match &self.semantic.function(function).handler {
            // Called from another file: what the caller does with the value is not seen here.
            Some(HandlerOrigin::Registered { .. } | HandlerOrigin::CalledElsewhere(_)) => true,
            Some(HandlerOrigin::CalledFrom(_)) => {
                if depth >= 3 {
                    return true;
                }
                match caller {
                    Some(call) => self.reaches(call, content, false, depth + 1),
                    None => true,
                }
            }
            // A callback inside the handler (`.then(...)`, `new Promise(...)`): its caller is unknown,
            // so assume the value is used (when in doubt, do not flag).
            None => true,
        }
    }

    /// Follows every name a pattern writes, and the variable of every member or item it stores into.
    fn taint_targets(&mut self, pattern: Node<'t>, content: bool, opaque: bool, depth: u32) -> bool {
        let semantic = self.semantic;
        semantic.pattern_targets(pattern).into_iter().any(|target| {
            let name = match target.kind() {
                "member_expression" | "attribute" | "subscript_expression" | "subscript" => {
                    syntax::chain_root(target)
                }
                _ => Some(target),
            };
            name.and_then(|n| semantic.lookup(semantic.text(n), n))
                .is_some_and(|b| self.taint(b, content, opaque, depth))
        })
    }

    /// Follows the variable an expression starts from (`stream` of `fs.createWriteStream(p)` is not one).
    fn taint_root(&mut self, expression: Node<'t>, content: bool, depth: u32) -> bool {
        let semantic = self.semantic;
        let Some(root) = syntax::chain_root(expression) else {
            return false;
        };
        if root.kind() != "identifier" {
            return false;
        }
        if is_response_parameter(semantic, root) {
            return true;
        }
        semantic
            .resolve_identifier(root)
            .is_some_and(|b| self.taint(b, content, false, depth))
    }

    /// Follows every read of a local variable.
    fn taint(&mut self, binding: BindingId, content: bool, opaque: bool, depth: u32) -> bool {
        let semantic = self.semantic;
        if self
            .tainted
            .iter()
            .any(|&(b, c, o)| b == binding && (c || !content) && (!o || opaque))
        {
            return false;
        }
        self.tainted.push((binding, content, opaque));
        let declared = semantic.binding(binding);
        // Only variables of a function: a module-level client or cache is shared by every request.
        if semantic.function_at(declared.declaration).is_none()
            || !matches!(
                declared.kind,
                BindingKind::Variable | BindingKind::Parameter
            )
        {
            return false;
        }
        semantic
            .reads(binding, semantic.root())
            .into_iter()
            .any(|use_| self.reaches(use_, content, opaque, depth))
    }
}

/// What a call does with the output (or a reference to it) that it is handed.
enum Passing {
    /// Builds the response from it (`FileResponse(buffer)`, `send_file(path)`, `new Response(png)`).
    Response,
    /// Re-encodes or wraps it (`Buffer.from(pdf)`, `base64.b64encode(pdf)`), or is a function of this
    /// file (followed no further: when in doubt, do not flag).
    Transform,
    /// Reads the file it names (`open(path, "rb")`, `fs.createReadStream(path)`).
    ReadsFile,
    /// Anything else: its value is something else (a URL, a model, a count), unless the code reads
    /// content from it (`renderer.render_background(buffer).read()`).
    Other,
}

/// Web platform globals that the qualified names do not list.
const WEB_GLOBALS: &[&str] = &["Response", "Blob", "Uint8Array"];

fn call_kind(semantic: &Semantic<'_>, call: Node<'_>) -> Passing {
    if semantic.called_function(call).is_some() {
        return Passing::Transform;
    }
    let name = semantic.callee_name(call).or_else(|| {
        // `new Response(png)`, `Response.json(...)`: a global of the web platform, when not shadowed.
        let callee = semantic.callee(call)?;
        let root = syntax::chain_root(callee)?;
        let text = semantic.text(root);
        (root.kind() == "identifier"
            && WEB_GLOBALS.contains(&text)
            && semantic.resolve_identifier(root).is_none())
        .then(|| QualifiedName::new(semantic.text(callee)))
    });
    let Some(name) = name else {
        return Passing::Other;
    };
    if calls::is_file_reader(name.as_str()) {
        return Passing::ReadsFile;
    }
    if calls::is_transform(name.as_str()) {
        return Passing::Transform;
    }
    let text = name.as_str();
    let web_global = name.starts_with("Response");
    let builder = text.split(['.', '(']).any(calls::is_response_builder)
        && (web_global || calls::response_modules().any(|m| name.starts_with(m)));
    if builder {
        Passing::Response
    } else {
        Passing::Other
    }
}

/// JavaScript: a call on the response (`res.send(...)`, `reply.type('pdf').send(...)`), or one that is
/// handed the response (`pipeline(stream, res)`, `doc.pipe(res)`, `sendPdf(res, pdf)`).
fn is_response_call(semantic: &Semantic<'_>, call: Node<'_>) -> bool {
    if semantic.language().family() != LanguageFamily::JavaScript
        || !matches!(call.kind(), "call_expression" | "new_expression")
    {
        return false;
    }
    let on_response = semantic
        .callee(call)
        .filter(|c| c.kind() == "member_expression")
        .and_then(syntax::chain_root)
        .is_some_and(|r| is_response_parameter(semantic, r));
    on_response
        || semantic.arguments(call).into_iter().any(|a| {
            let a = unwrap(a);
            matches!(a.kind(), "identifier" | "member_expression")
                && syntax::chain_root(a).is_some_and(|r| is_response_parameter(semantic, r))
        })
}

/// JavaScript: a parameter of handler code that stands for the response: `res`/`reply`/`h` (not the
/// first parameter, the request), Koa's `ctx`, NestJS `@Res() res`, or any parameter of a helper that
/// handler code calls.
fn is_response_parameter(semantic: &Semantic<'_>, identifier: Node<'_>) -> bool {
    response_parameter(semantic, identifier, 0)
}

fn response_parameter(semantic: &Semantic<'_>, identifier: Node<'_>, depth: u32) -> bool {
    if semantic.language().family() != LanguageFamily::JavaScript
        || identifier.kind() != "identifier"
        || depth > 3
    {
        return false;
    }
    let Some((function, position)) = semantic
        .resolve_identifier(identifier)
        .and_then(|id| semantic.parameter_position(id))
    else {
        return false;
    };
    match &semantic.function(function).handler {
        Some(HandlerOrigin::Registered { framework, .. }) => match web::response_parameter(framework) {
            // Koa: `ctx` is request and response in one.
            ResponseParameter::Context(at) => position == at,
            // Express, Fastify, Hapi, Node http, Next.js: `(req, res)`, `(request, reply)`, `(request, h)`.
            ResponseParameter::AfterRequest => position >= 1,
            // NestJS: only the parameter injected with `@Res()`.
            ResponseParameter::Decorated(decorators) => semantic
                .parameters(function)
                .get(position)
                .is_some_and(|p| {
                    semantic.decorators(*p).iter().any(|d| {
                        semantic
                            .decorator_name(*d)
                            .is_some_and(|name| name.is_any(decorators))
                    })
                }),
        },
        // A helper: the response when its caller passes the response there (`sendPdf(res, pdf)`).
        Some(HandlerOrigin::CalledFrom(span)) => semantic
            .call_at(*span)
            .and_then(|call| semantic.argument(call, position))
            .is_some_and(|argument| response_parameter(semantic, unwrap(argument), depth + 1)),
        // Called from another file's handler code: its caller may pass the response (when in doubt,
        // do not flag).
        Some(HandlerOrigin::CalledElsewhere(_)) => true,
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::lines_of;

    const RULE: &str = "offload-to-queue";

    #[test]
    fn nodemailer_transport_bound_at_module_level() {
        let source = r#"
import express from 'express';
import nodemailer from 'nodemailer';
const transporter = nodemailer.createTransport(process.env.SMTP_URL);
const app = express();
app.post('/signup', async (req, res) => {
  const user = await createUser(req.body);
  await transporter.sendMail({ to: user.email, subject: 'Welcome' });
  res.status(201).json(user);
});
app.post('/invite', (req, res) => {
  transporter.sendMail({ to: req.body.email }).catch(console.error);
  res.sendStatus(202);
});
"#;
        assert_eq!(lines_of(RULE, "app.js", source), vec![8, 12]);
    }

    #[test]
    fn sendgrid_and_queue_add() {
        let source = r#"
const sgMail = require('@sendgrid/mail');
const { Queue } = require('bullmq');
const emails = new Queue('emails');
const router = require('express').Router();
router.post('/a', async (req, res) => { await sgMail.send({ to: req.body.to }); res.end(); });
router.post('/b', async (req, res) => { await emails.add('welcome', { id: 1 }); res.end(); });
"#;
        assert_eq!(lines_of(RULE, "r.js", source), vec![6]);
    }

    #[test]
    fn pdf_sent_as_the_response_is_fine() {
        let source = r#"
import express from 'express';
import puppeteer from 'puppeteer';
const browser = await puppeteer.launch();
const app = express();
app.get('/a.pdf', async (req, res) => { const page = await browser.newPage(); res.send(await page.pdf()); });
app.get('/b.pdf', async (req, res) => {
  const page = await browser.newPage();
  const pdf = await page.pdf({ format: 'A4' });
  res.type('pdf').send(pdf);
});
app.post('/c', async (req, res) => {
  const page = await browser.newPage();
  const pdf = await page.pdf({ format: 'A4' });
  await archive.putObject({ Body: pdf, Key: 'x' });
  res.json({ ok: true, size: pdf.length });
});
"#;
        assert_eq!(lines_of(RULE, "app.mjs", source), vec![14]);
    }

    #[test]
    fn sharp_pipelines() {
        let source = r#"
import sharp from 'sharp';
import Fastify from 'fastify';
const fastify = Fastify();
fastify.post('/avatar', async (request, reply) => {
  const out = `/data/${request.params.id}.webp`;
  await sharp(request.body).resize(256).webp().toFile(out);
  return { path: out };
});
fastify.get('/thumb', async (request, reply) => {
  const buffer = await sharp(await load(request.query.id)).resize(128).toBuffer();
  return reply.type('image/webp').send(buffer);
});
fastify.get('/thumb2', async (request, reply) => {
  const out = '/tmp/t.webp';
  await sharp(await load(request.query.id)).resize(128).toFile(out);
  return reply.sendFile(out);
});
"#;
        assert_eq!(lines_of(RULE, "server.js", source), vec![7]);
    }

    #[test]
    fn python_django_mail_aliases_and_sync_views() {
        let source = r#"
from django.core.mail import send_mail as sm, EmailMessage
from django.shortcuts import redirect

def signup(request):
    user = create(request.POST)
    sm("Welcome", "Hi", None, [user.email])
    msg = EmailMessage("Receipt", "body", to=[user.email])
    msg.send()
    return redirect("home")

def not_a_view(user):
    sm("Welcome", "Hi", None, [user.email])
"#;
        assert_eq!(lines_of(RULE, "views.py", source), vec![7, 9]);
    }

    #[test]
    fn sending_whose_failure_the_user_is_shown_is_the_action() {
        let source = r#"
import logging
from django.contrib import messages
from django.core.mail import send_mail, EmailMessage
from django.shortcuts import redirect

def send_test_mail(email):
    send_mail("Test", "It works.", None, [email])

def tools(request):
    try:
        send_test_mail(request.POST["email"])
        messages.success(request, "Test e-mail sent.")
    except Exception as error:
        messages.error(request, "Could not send test e-mail: %s" % error)
    return redirect("tools")

class PostingFailed(Exception):
    pass

def post_to_list(request, mlist):
    msg = EmailMessage("s", "b", to=[mlist])
    try:
        msg.send()
    except OSError as e:
        raise PostingFailed("Message not sent: %s" % e)
    return redirect("thread")

def contact(request):
    try:
        send_mail("Contact", request.POST["body"], None, ["care@example.com"])
    except OSError:
        logging.exception("contact mail failed")
    return redirect("home")

def invite(request):
    try:
        send_mail("Invite", "Join", None, [request.POST["email"]])
    except OSError:
        raise
    return redirect("home")

def send_check_mail(email):
    send_mail("Check", "It works.", None, [email])

def smtp_check(request):
    try:
        send_check_mail(request.POST["email"])
    except Exception as error:
        show_error(request, "Could not send: %s" % error)
    return redirect("tools")

def resend(request):
    try:
        send_mail("Again", "b", None, [request.user.email])
    except Exception as error:
        show_error(None, "Could not send: %s" % error)
        audit(request, "resend failed")
    return redirect("tools")

def send_welcome(email):
    try:
        send_mail("Welcome", "b", None, [email])
    except OSError:
        return False
    return True

def register(request):
    if send_welcome(request.POST["email"]):
        return redirect("done")
    return redirect("retry")
"#;
        // Only logging the failure, or re-raising it as it is, is what happens without a `try`.
        assert_eq!(lines_of(RULE, "views.py", source), vec![31, 38, 55, 63]);
        let js = r#"
const express = require('express');
const nodemailer = require('nodemailer');
const transporter = nodemailer.createTransport({});
const app = express();
app.post('/smtp/test', async (req, res) => {
  try {
    await transporter.sendMail({ to: req.body.to, text: 'It works' });
  } catch (err) {
    return res.status(502).json({ error: err.message });
  }
  res.json({ sent: true });
});
app.post('/signup', async (req, res) => {
  try {
    await transporter.sendMail({ to: req.body.to, text: 'Welcome' });
  } catch (err) {
    console.error(err);
  }
  res.json({ ok: true });
});
"#;
        assert_eq!(lines_of(RULE, "app.js", js), vec![16]);
    }

    #[test]
    fn python_tasks_and_enqueue_stay_quiet() {
        let source = r#"
from celery import shared_task
from django.core.mail import send_mail

@shared_task
def send_welcome(user_id):
    send_mail("Welcome", "Hi", None, ["a@b.c"])

def signup(request):
    send_welcome.delay(1)
    return redirect("home")
"#;
        assert!(lines_of(RULE, "views.py", source).is_empty());
    }

    #[test]
    fn python_pdf_returned_or_written_to_the_response() {
        let source = r#"
import io
from django.http import FileResponse, HttpResponse
from reportlab.pdfgen import canvas
from weasyprint import HTML

def report(request):
    buffer = io.BytesIO()
    p = canvas.Canvas(buffer)
    p.drawString(100, 100, "Hello")
    p.save()
    buffer.seek(0)
    return FileResponse(buffer, as_attachment=True, filename="hello.pdf")

def invoice(request, pk):
    pdf = HTML(string=render_invoice(pk)).write_pdf()
    return HttpResponse(pdf, content_type="application/pdf")

def archive(request, pk):
    pdf = HTML(string=render_invoice(pk)).write_pdf()
    store(pk, pdf)
    return HttpResponse(status=204)

def direct(request):
    response = HttpResponse(content_type="application/pdf")
    p = canvas.Canvas(response)
    p.save()
    return response

class LayoutEditor(View):
    def post(self, request):
        fname, mimet, data = self.generate(request.POST["layout"])
        return HttpResponse(data, content_type=mimet)

    def generate(self, layout):
        buffer = io.BytesIO()
        r = Renderer(self.request.event, layout)
        p = canvas.Canvas(buffer)
        r.draw_page(p)
        p.save()
        outbuffer = r.render_background(buffer, "Badge")
        return "badge.pdf", "application/pdf", outbuffer.read()

    def archive(self, layout):
        buffer = io.BytesIO()
        r = Renderer(self.request.event, layout)
        p = canvas.Canvas(buffer)
        p.save()
        r.render_background(buffer, "Badge")
        return HttpResponse(status=204)
"#;
        // The PDF handed to a method of a project object (`r.render_background(buffer)`) lives on in what
        // it returns: read and returned, it is the response; when that value is dropped, it is not.
        assert_eq!(lines_of(RULE, "views.py", source), vec![20, 48]);
    }

    #[test]
    fn python_pillow_thumbnails() {
        let source = r#"
import io
from PIL import Image
from fastapi import FastAPI, UploadFile
from fastapi.responses import StreamingResponse
app = FastAPI()

@app.post("/avatar")
async def avatar(file: UploadFile):
    img = Image.open(file.file)
    img.thumbnail((256, 256))
    img.save(f"/media/{file.filename}")
    return {"ok": True}

@app.get("/thumb")
async def thumb(name: str):
    img = Image.open(path_of(name))
    img = img.convert("RGB")
    buf = io.BytesIO()
    img.save(buf, "JPEG")
    buf.seek(0)
    return StreamingResponse(buf, media_type="image/jpeg")
"#;
        assert_eq!(lines_of(RULE, "main.py", source), vec![12]);
    }

    #[test]
    fn helper_returning_the_pdf_to_the_handler() {
        let source = r#"
const express = require('express');
const puppeteer = require('puppeteer');
const browserReady = puppeteer.launch();
const app = express();
async function render(html) {
  const browser = await browserReady;
  const page = await browser.newPage();
  await page.setContent(html);
  return page.pdf();
}
app.get('/r.pdf', async (req, res) => {
  const pdf = await render('<h1>x</h1>');
  res.end(pdf);
});
"#;
        assert!(lines_of(RULE, "app.js", source).is_empty());
    }

    #[test]
    fn test_files_are_quiet() {
        let source = r#"
from django.core.mail import send_mail
def signup(request):
    send_mail("a", "b", None, ["c"])
"#;
        assert!(lines_of(RULE, "tests/test_views.py", source).is_empty());
        assert_eq!(lines_of(RULE, "views.py", source), vec![4]);
    }

    #[test]
    fn response_classes_json_and_uploads() {
        let source = r#"
import sharp from 'sharp';
import { saveToCdn } from './cdn';
export async function GET(request) {
  const png = await sharp(await load()).png().toBuffer();
  return new Response(png, { headers: { 'Content-Type': 'image/png' } });
}
export async function POST(request) {
  const png = await sharp(await load()).png().toBuffer();
  const url = await saveToCdn('og.png', png);
  return Response.json({ url });
}
export async function PUT(request) {
  const png = await sharp(await load()).png().toBuffer();
  return Response.json({ image: png.toString('base64') });
}
"#;
        assert_eq!(lines_of(RULE, "app/api/og/route.js", source), vec![9]);
    }

    #[test]
    fn koa_nest_and_helpers_taking_the_response() {
        let source = r#"
import Koa from 'koa';
import sharp from 'sharp';
const app = new Koa();
app.use(async (ctx) => {
  ctx.type = 'image/webp';
  ctx.body = await sharp(ctx.request.body).webp().toBuffer();
});
async function sendThumb(res, input) {
  const thumb = await sharp(input).resize(64).toBuffer();
  res.end(thumb);
}
const express = require('express');
const router = express.Router();
router.get('/t', async (req, res) => { await sendThumb(res, req.query.src); });
router.post('/t', async (req, res) => { await sendThumb(req.body, req.query.src); res.end(); });
"#;
        assert_eq!(lines_of(RULE, "app.mjs", source), Vec::<u32>::new());
        let nest = r#"
import { Controller, Get, Param, Res } from '@nestjs/common';
import sharp from 'sharp';
@Controller('a')
export class A {
  @Get(':id')
  async one(@Param('id') id: string, @Res() res) {
    const png = await sharp(id).png().toBuffer();
    res.send(png);
  }
  @Get(':id/other')
  async two(@Param('id') id: string) {
    const out = `/tmp/${id}.png`;
    await sharp(id).png().toFile(out);
    return this.save(id, out);
  }
}
"#;
        assert_eq!(lines_of(RULE, "a.controller.ts", nest), vec![14]);
    }

    #[test]
    fn lambda_event_consumers_and_workers() {
        let source = r#"
const sharp = require('sharp');
const { Worker } = require('bullmq');
const nodemailer = require('nodemailer');
const transporter = nodemailer.createTransport({});
exports.handler = async (event) => {
  for (const record of event.Records) {
    await sharp(record.body).resize(10).toFile('/tmp/x');
  }
};
new Worker('mail', async (job) => { await transporter.sendMail(job.data); });
"#;
        assert!(lines_of(RULE, "thumb.js", source).is_empty());
    }

    #[test]
    fn python_json_bodies_and_file_reads() {
        let source = r#"
import base64, io
from flask import Flask, jsonify, send_file
from PIL import Image
app = Flask(__name__)

@app.route("/inline")
def inline():
    img = Image.open("a.png").resize((10, 10))
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return jsonify({"png": base64.b64encode(buf.getvalue()).decode()})

@app.route("/path")
def path_only():
    img = Image.open("a.png").resize((10, 10))
    out = "/tmp/a.png"
    img.save(out)
    return jsonify({"path": out})

@app.route("/file")
def file_back():
    img = Image.open("a.png").resize((10, 10))
    out = "/tmp/a.png"
    img.save(out)
    return send_file(open(out, "rb"), mimetype="image/png")
"#;
        assert_eq!(lines_of(RULE, "app.py", source), vec![18]);
    }

    #[test]
    fn python_tuples_walrus_with_and_fallbacks_reach_the_response() {
        let source = r#"
import io
from flask import Flask, send_file
from django.http import FileResponse, HttpResponse
from PIL import Image
from weasyprint import HTML
app = Flask(__name__)

@app.route("/tuple")
def tuple_body():
    img = Image.open("a.png").resize((10, 10))
    out = "/tmp/a.png"
    img.save(out)
    return send_file(out, mimetype="image/png"), 200

@app.route("/with")
def with_file():
    img = Image.open("a.png").resize((10, 10))
    out = "/tmp/b.png"
    img.save(out)
    with open(out, "rb") as fh:
        return FileResponse(fh)

@app.route("/walrus")
def walrus():
    if (pdf := HTML(string="x").write_pdf()):
        return HttpResponse(pdf)
    return HttpResponse(status=204)

@app.route("/fallback")
def fallback():
    return HttpResponse(CACHED or HTML(string="x").write_pdf())

@app.route("/written")
def written():
    pdf = HTML(string="x").write_pdf()
    response = HttpResponse(content_type="application/pdf")
    response.write(pdf)
    return response

@app.route("/tested")
def tested():
    pdf = HTML(string="x").write_pdf()
    return HttpResponse("ok" if pdf else "empty")
"#;
        // A PDF that is only tested is not the response.
        assert_eq!(lines_of(RULE, "app.py", source), vec![43]);
    }

    #[test]
    fn javascript_pipes_fallbacks_and_tests_of_the_output() {
        let source = r#"
import express from 'express';
import PDFDocument from 'pdfkit';
import puppeteer from 'puppeteer';
import fs from 'fs';
const browser = await puppeteer.launch();
const app = express();
app.get('/piped', (req, res) => {
  const doc = new PDFDocument();
  doc.pipe(res);
  doc.text('hello');
  doc.end();
});
app.get('/saved', (req, res) => {
  const doc = new PDFDocument();
  doc.pipe(fs.createWriteStream('/tmp/out.pdf'));
  doc.end();
  res.sendStatus(201);
});
app.get('/fallback', async (req, res) => {
  const page = await browser.newPage();
  res.send(cache.get(req.url) ?? await page.pdf());
});
app.get('/tested', async (req, res) => {
  const page = await browser.newPage();
  const pdf = await page.pdf();
  res.send(pdf ? 'rendered' : 'failed');
});
"#;
        assert_eq!(lines_of(RULE, "app.mjs", source), vec![15, 26]);
    }

    #[test]
    fn workers_and_tasks_are_found_by_decorator_and_by_processor() {
        let source = r#"
from celery import Celery
from django.core.mail import send_mail
app = Celery()

@app.task(bind=True)
# retried by the worker
@log_calls
def send_welcome(self, user_id):
    send_mail("Welcome", "Hi", None, ["a@b.c"])

@log_calls
def signup(request):
    send_mail("Welcome", "Hi", None, ["a@b.c"])
    send_welcome(None, 1)
"#;
        assert_eq!(lines_of(RULE, "views.py", source), vec![14]);
        let js = r#"
const { Worker } = require('bullmq');
const nodemailer = require('nodemailer');
const transporter = nodemailer.createTransport({});
const processor = async (job) => { await transporter.sendMail(job.data); };
new Worker('mail', (async (job) => { await transporter.sendMail(job.data); }));
const express = require('express');
const app = express();
app.post('/a', async (req, res) => { await processor({ data: req.body }); res.end(); });
"#;
        // `processor` is handed to no worker here: called from a handler, it sends in the request.
        assert_eq!(lines_of(RULE, "worker.js", js), vec![5]);
    }

    #[test]
    fn lambda_handlers_consume_records_through_any_parameter_chain() {
        let source = r#"
const sharp = require('sharp');
exports.consumer = async (event, context) => {
  const first = event.detail.Records[0];
  await sharp(first.body).resize(10).toFile('/tmp/x');
};
exports.handler = async (event) => {
  await sharp(Buffer.from(event.body, 'base64')).resize(10).toFile('/tmp/y');
  return { statusCode: 204 };
};
"#;
        assert_eq!(lines_of(RULE, "thumb.js", source), vec![8]);
    }

    #[test]
    fn deferred_and_dropped_promises_are_fire_and_forget() {
        let source = r#"
const express = require('express');
const nodemailer = require('nodemailer');
const transporter = nodemailer.createTransport({});
const app = express();
app.post('/a', (req, res) => { setTimeout(() => { transporter.sendMail({}); }, 0); res.end(); });
app.post('/b', async (req, res) => { await transporter.sendMail({}); res.end(); });
app.post('/c', (req, res) => { void transporter.sendMail({}).catch(console.error); res.end(); });
app.post('/d', async (req, res) => { await (transporter.sendMail({}).catch(console.error)); res.end(); });
"#;
        let report = crate::test_support::lint_in_project(&[], "app.js", source);
        let dropped: Vec<(u32, bool)> = report
            .findings
            .iter()
            .filter(|f| &*f.diagnostic.rule == RULE)
            .map(|f| {
                let message = &f.diagnostic.message;
                (f.range.start.line, message.contains("it is not awaited"))
            })
            .collect();
        assert_eq!(dropped, vec![(6, true), (7, false), (8, true), (9, false)]);
    }
}
