<?xml version="1.0" encoding="UTF-8"?>
<!-- HTML document page: metadata panel, the text in a reading and a diplomatic view (switchable in place;
     both present without JavaScript), numbered apparatus, the register entries the document uses.
     Self-contained: CSS and JS inline, nothing loaded from the network (the page's CSP forbids it).
     Element -> HTML mapping of the text comes from the rules table (tei_edition/rendering.toml), which
     render.py hands in as $rules; see docs/RENDERING.md for overriding rules or templates. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:te="urn:x-tei-edition"
    exclude-result-prefixes="tei te">
  <xsl:import href="common.xsl"/>

  <!-- about:legacy-compat makes libxslt write the HTML5 doctype; indent="no" keeps inline spacing exact. -->
  <xsl:output method="html" encoding="UTF-8" doctype-system="about:legacy-compat" indent="no"/>

  <!-- Links to the other forms of this document (relative, empty = not offered). -->
  <xsl:param name="tei-href" select="''"/>
  <xsl:param name="text-href" select="''"/>
  <xsl:param name="diplomatic-href" select="''"/>
  <!-- Neighbours in date order (site only). -->
  <xsl:param name="prev-href" select="''"/>
  <xsl:param name="prev-title" select="''"/>
  <xsl:param name="next-href" select="''"/>
  <xsl:param name="next-title" select="''"/>

  <!-- The rules table: te:rule elements (@tei, @html, @class, @link). render.py's generated stylesheet
       overrides this empty default; without it every element falls back to span.tei-NAME. -->
  <xsl:variable name="rules" select="/.."/>

  <xsl:variable name="version" select="normalize-space($application/@version)"/>

  <!-- ===================================================================================== -->
  <!-- The page                                                                              -->
  <!-- ===================================================================================== -->

  <xsl:template match="/">
    <html lang="{$lang}">
      <xsl:call-template name="page-head">
        <xsl:with-param name="page-title" select="$title"/>
      </xsl:call-template>
      <body>
        <xsl:call-template name="skip-link"/>
        <xsl:call-template name="site-header"/>
        <main id="content">
          <xsl:call-template name="document-nav"/>
          <h1><xsl:value-of select="$title"/></h1>
          <xsl:call-template name="metadata-panel"/>
          <xsl:call-template name="text-views"/>
          <xsl:call-template name="apparatus"/>
          <xsl:call-template name="register-section"/>
          <xsl:call-template name="document-nav"><xsl:with-param name="where" select="'bottom'"/></xsl:call-template>
        </main>
        <xsl:call-template name="page-footer"/>
        <script><xsl:call-template name="view-script"/></script>
      </body>
    </html>
  </xsl:template>

  <!-- ===== Page chrome (shared with site.xsl) ===== -->

  <xsl:template name="page-head">
    <xsl:param name="page-title"/>
    <xsl:param name="extra-script-src" select="false()"/>
    <head>
      <meta http-equiv="Content-Type" content="text/html; charset=UTF-8"/>
      <meta name="viewport" content="width=device-width, initial-scale=1"/>
      <!-- Nothing may be loaded from anywhere but this folder: no fonts, images, scripts from the web. -->
      <meta http-equiv="Content-Security-Policy">
        <xsl:attribute name="content">
          <xsl:text>default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'self'; script-src 'unsafe-inline'</xsl:text>
          <xsl:if test="$extra-script-src"> 'self'</xsl:if>
        </xsl:attribute>
      </meta>
      <meta name="generator" content="tei-edition"/>
      <title>
        <xsl:value-of select="$page-title"/>
        <xsl:if test="normalize-space($edition-title)">
          <xsl:value-of select="concat(' — ', normalize-space($edition-title))"/>
        </xsl:if>
      </title>
      <style><xsl:call-template name="css"/></style>
    </head>
  </xsl:template>

  <xsl:template name="skip-link">
    <a class="skip-link" href="#content">Skip to the main content</a>
  </xsl:template>

  <xsl:template name="site-header">
    <xsl:param name="current" select="''"/>
    <header class="site-header">
      <div class="inner">
        <p class="site-title">
          <xsl:choose>
            <xsl:when test="$site-root != ''">
              <a href="{$site-root}index.html">
                <xsl:call-template name="edition-name"/>
              </a>
            </xsl:when>
            <xsl:otherwise><xsl:call-template name="edition-name"/></xsl:otherwise>
          </xsl:choose>
        </p>
        <xsl:if test="$site-root != ''">
          <nav class="site-nav" aria-label="Edition">
            <ul>
              <xsl:call-template name="nav-item">
                <xsl:with-param name="href" select="'index.html'"/><xsl:with-param name="label" select="'Documents'"/>
                <xsl:with-param name="current" select="$current"/>
              </xsl:call-template>
              <xsl:call-template name="nav-item">
                <xsl:with-param name="href" select="'persons.html'"/><xsl:with-param name="label" select="'Persons'"/>
                <xsl:with-param name="current" select="$current"/>
              </xsl:call-template>
              <xsl:call-template name="nav-item">
                <xsl:with-param name="href" select="'places.html'"/><xsl:with-param name="label" select="'Places'"/>
                <xsl:with-param name="current" select="$current"/>
              </xsl:call-template>
              <xsl:call-template name="nav-item">
                <xsl:with-param name="href" select="'organisations.html'"/><xsl:with-param name="label" select="'Organisations'"/>
                <xsl:with-param name="current" select="$current"/>
              </xsl:call-template>
              <xsl:call-template name="nav-item">
                <xsl:with-param name="href" select="'search.html'"/><xsl:with-param name="label" select="'Search'"/>
                <xsl:with-param name="current" select="$current"/>
              </xsl:call-template>
            </ul>
          </nav>
        </xsl:if>
      </div>
    </header>
  </xsl:template>

  <xsl:template name="nav-item">
    <xsl:param name="href"/>
    <xsl:param name="label"/>
    <xsl:param name="current"/>
    <li>
      <a href="{$site-root}{$href}">
        <xsl:if test="$current = $href"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>
        <xsl:value-of select="$label"/>
      </a>
    </li>
  </xsl:template>

  <xsl:template name="edition-name">
    <xsl:choose>
      <xsl:when test="normalize-space($edition-title)"><xsl:value-of select="normalize-space($edition-title)"/></xsl:when>
      <xsl:when test="$publisher"><xsl:value-of select="$publisher"/></xsl:when>
      <xsl:otherwise>TEI edition</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="page-footer">
    <footer class="site-footer">
      <div class="inner">
        <p>
          <xsl:call-template name="edition-name"/>
          <xsl:if test="$licence">
            <xsl:text>. Licence: </xsl:text>
            <xsl:call-template name="licence-link"/>
          </xsl:if>
          <xsl:text>. Made with tei-edition</xsl:text>
          <xsl:if test="$version"><xsl:value-of select="concat(' ', $version)"/></xsl:if>
          <xsl:text>.</xsl:text>
        </p>
      </div>
    </footer>
  </xsl:template>

  <xsl:template name="document-nav">
    <xsl:param name="where" select="'top'"/>
    <xsl:if test="$prev-href != '' or $next-href != ''">
      <nav class="docnav">
        <xsl:attribute name="aria-label">
          <xsl:text>Previous and next document</xsl:text>
          <xsl:if test="$where = 'bottom'"> (end of page)</xsl:if>
        </xsl:attribute>
        <xsl:choose>
          <xsl:when test="$prev-href != ''">
            <a rel="prev" href="{$prev-href}"><span aria-hidden="true">← </span>Previous: <xsl:value-of select="$prev-title"/></a>
          </xsl:when>
          <xsl:otherwise><span></span></xsl:otherwise>
        </xsl:choose>
        <xsl:if test="$next-href != ''">
          <a rel="next" href="{$next-href}">Next: <xsl:value-of select="$next-title"/><span aria-hidden="true"> →</span></a>
        </xsl:if>
      </nav>
    </xsl:if>
  </xsl:template>

  <!-- ===================================================================================== -->
  <!-- Metadata panel                                                                        -->
  <!-- ===================================================================================== -->

  <xsl:template name="metadata-panel">
    <section class="metadata" aria-labelledby="about-heading">
      <h2 id="about-heading">About this document</h2>
      <dl>
        <xsl:if test="$date-when or $date-text">
          <div>
            <dt>Date</dt>
            <dd>
              <xsl:choose>
                <xsl:when test="$date-when">
                  <time datetime="{$date-when}"><xsl:call-template name="document-date"/></time>
                </xsl:when>
                <xsl:otherwise><xsl:value-of select="$date-text"/></xsl:otherwise>
              </xsl:choose>
            </dd>
          </div>
        </xsl:if>
        <xsl:call-template name="meta-names">
          <xsl:with-param name="label" select="'Sender'"/><xsl:with-param name="names" select="$senders"/>
        </xsl:call-template>
        <xsl:call-template name="meta-names">
          <xsl:with-param name="label" select="'Recipient'"/><xsl:with-param name="names" select="$recipients"/>
        </xsl:call-template>
        <xsl:call-template name="meta-names">
          <xsl:with-param name="label" select="'Intermediary'"/><xsl:with-param name="names" select="$intermediaries"/>
        </xsl:call-template>
        <xsl:call-template name="meta-names">
          <xsl:with-param name="label" select="'Place of sending'"/><xsl:with-param name="names" select="$place-sent"/>
        </xsl:call-template>
        <xsl:call-template name="meta-names">
          <xsl:with-param name="label" select="'Place of receipt'"/><xsl:with-param name="names" select="$place-received"/>
        </xsl:call-template>
        <xsl:if test="$doc-numbers">
          <div><dt>Document number</dt><dd><xsl:call-template name="name-list"><xsl:with-param name="names" select="$doc-numbers"/></xsl:call-template></dd></div>
        </xsl:if>
        <xsl:if test="$outgoing-numbers">
          <div><dt>Outgoing number</dt><dd><xsl:call-template name="name-list"><xsl:with-param name="names" select="$outgoing-numbers"/></xsl:call-template></dd></div>
        </xsl:if>
        <xsl:if test="$archival">
          <div><dt>Archival source</dt><dd><xsl:apply-templates select="$archival" mode="header"/></dd></div>
        </xsl:if>
        <xsl:if test="$record-id">
          <div><dt>Record ID</dt><dd><code><xsl:value-of select="$record-id"/></code></dd></div>
        </xsl:if>
        <xsl:if test="$translators">
          <div>
            <dt>Translator<xsl:if test="count($translators) &gt; 1">s</xsl:if></dt>
            <dd><xsl:call-template name="name-list"><xsl:with-param name="names" select="$translators"/></xsl:call-template></dd>
          </div>
        </xsl:if>
        <xsl:if test="$editors">
          <div>
            <dt>Editor<xsl:if test="count($editors) &gt; 1">s</xsl:if></dt>
            <dd><xsl:call-template name="name-list"><xsl:with-param name="names" select="$editors"/></xsl:call-template></dd>
          </div>
        </xsl:if>
        <xsl:if test="$publisher">
          <div>
            <dt>Publisher</dt>
            <dd><xsl:value-of select="$publisher"/><xsl:if test="$pub-place"><xsl:value-of select="concat(', ', $pub-place)"/></xsl:if></dd>
          </div>
        </xsl:if>
        <xsl:if test="$licence">
          <div><dt>Licence</dt><dd><xsl:call-template name="licence-link"/></dd></div>
        </xsl:if>
        <xsl:if test="$edition-idno">
          <div><dt>Identifier</dt><dd><code><xsl:value-of select="$edition-idno"/></code></dd></div>
        </xsl:if>
        <xsl:if test="$transcription">
          <div><dt>Transcription</dt><dd><xsl:apply-templates select="$transcription" mode="header"/></dd></div>
        </xsl:if>
        <xsl:for-each select="$encoders">
          <div>
            <dt>Encoding</dt>
            <dd><xsl:value-of select="normalize-space(tei:resp)"/><xsl:text>: </xsl:text>
              <xsl:call-template name="name-list"><xsl:with-param name="names" select="tei:name | tei:persName | tei:orgName"/></xsl:call-template>
            </dd>
          </div>
        </xsl:for-each>
        <xsl:if test="$languages">
          <div><dt>Language</dt><dd><xsl:call-template name="name-list"><xsl:with-param name="names" select="$languages"/></xsl:call-template></dd></div>
        </xsl:if>
        <xsl:if test="$tei-href != '' or $text-href != '' or $diplomatic-href != ''">
          <div>
            <dt>Files</dt>
            <dd>
              <ul class="files">
                <xsl:if test="$tei-href != ''"><li><a href="{$tei-href}" type="application/tei+xml">TEI XML of this document</a></li></xsl:if>
                <xsl:if test="$text-href != ''"><li><a href="{$text-href}" type="text/plain">Reading text as plain text</a></li></xsl:if>
                <xsl:if test="$diplomatic-href != ''"><li><a href="{$diplomatic-href}" type="text/plain">Diplomatic text as plain text</a></li></xsl:if>
              </ul>
            </dd>
          </div>
        </xsl:if>
      </dl>
      <h3 id="cite-heading">How to cite</h3>
      <p class="citation"><xsl:call-template name="citation"/></p>
      <xsl:if test="$header/tei:encodingDesc/tei:editorialDecl/*">
        <details class="principles">
          <summary>Editorial principles of the encoding</summary>
          <dl>
            <xsl:for-each select="$header/tei:encodingDesc/tei:editorialDecl/*">
              <div>
                <dt><xsl:call-template name="decl-label"/></dt>
                <dd><xsl:value-of select="normalize-space(.)"/></dd>
              </div>
            </xsl:for-each>
          </dl>
        </details>
      </xsl:if>
    </section>
  </xsl:template>

  <!-- A row of names from the header, each linked to its register entry. -->
  <xsl:template name="meta-names">
    <xsl:param name="label"/>
    <xsl:param name="names"/>
    <xsl:variable name="known" select="$names[normalize-space() != 'unknown' or @ref]"/>
    <xsl:if test="$known">
      <div>
        <dt><xsl:value-of select="$label"/><xsl:if test="count($known) &gt; 1 and substring($label, string-length($label)) != 'g'">s</xsl:if></dt>
        <dd>
          <xsl:for-each select="$known">
            <xsl:if test="position() &gt; 1">
              <xsl:choose><xsl:when test="position() = last()"> and </xsl:when><xsl:otherwise>, </xsl:otherwise></xsl:choose>
            </xsl:if>
            <xsl:call-template name="linked-name"/>
          </xsl:for-each>
        </dd>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- A header name as a link to its entry (or plain text if it has none). -->
  <xsl:template name="linked-name">
    <xsl:variable name="href"><xsl:call-template name="entity-href"/></xsl:variable>
    <xsl:variable name="class">
      <xsl:choose>
        <xsl:when test="self::tei:placeName">place</xsl:when>
        <xsl:when test="self::tei:orgName">org</xsl:when>
        <xsl:otherwise>person</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$href != ''"><a class="{$class}" href="{$href}"><xsl:value-of select="normalize-space(.)"/></a></xsl:when>
      <xsl:otherwise><span class="{$class}"><xsl:value-of select="normalize-space(.)"/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="licence-link">
    <xsl:variable name="url"><xsl:call-template name="safe-url"><xsl:with-param name="url" select="$licence/@target"/></xsl:call-template></xsl:variable>
    <xsl:variable name="text">
      <xsl:choose>
        <xsl:when test="normalize-space($licence)"><xsl:value-of select="normalize-space($licence)"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="normalize-space($licence/@target)"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$url != ''"><a rel="license" href="{$url}"><xsl:value-of select="$text"/></a></xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "How to cite": title, date, edition, publisher, stable identifier. -->
  <xsl:template name="citation">
    <xsl:if test="$editors">
      <xsl:call-template name="name-list"><xsl:with-param name="names" select="$editors"/></xsl:call-template>
      <xsl:text> (ed</xsl:text><xsl:if test="count($editors) &gt; 1">s</xsl:if><xsl:text>.), </xsl:text>
    </xsl:if>
    <xsl:text>“</xsl:text><xsl:value-of select="$title"/><xsl:text>”</xsl:text>
    <xsl:if test="$date-when or $date-text">
      <xsl:text>, </xsl:text><xsl:call-template name="document-date"/>
    </xsl:if>
    <xsl:if test="$translators">
      <xsl:text>, translated by </xsl:text>
      <xsl:call-template name="name-list"><xsl:with-param name="names" select="$translators"/></xsl:call-template>
    </xsl:if>
    <xsl:text>. </xsl:text>
    <xsl:if test="normalize-space($edition-title)">
      <xsl:text>In: </xsl:text><cite><xsl:value-of select="normalize-space($edition-title)"/></cite><xsl:text>. </xsl:text>
    </xsl:if>
    <xsl:if test="$publisher">
      <xsl:value-of select="$publisher"/>
      <xsl:if test="$pub-place"><xsl:value-of select="concat(', ', $pub-place)"/></xsl:if>
      <xsl:text>. </xsl:text>
    </xsl:if>
    <xsl:if test="$edition-idno">
      <xsl:text>Identifier: </xsl:text><code class="stable-id"><xsl:value-of select="$edition-idno"/></code><xsl:text>.</xsl:text>
    </xsl:if>
  </xsl:template>

  <xsl:template name="decl-label">
    <xsl:choose>
      <xsl:when test="self::tei:correction">Corrections</xsl:when>
      <xsl:when test="self::tei:normalization">Normalisation</xsl:when>
      <xsl:when test="self::tei:quotation">Quotation</xsl:when>
      <xsl:when test="self::tei:hyphenation">Hyphenation</xsl:when>
      <xsl:when test="self::tei:segmentation">Segmentation</xsl:when>
      <xsl:when test="self::tei:interpretation">Interpretation</xsl:when>
      <xsl:otherwise><xsl:value-of select="local-name()"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Header prose (bibl): text, with http(s) refs as links and nothing else turned into markup. -->
  <xsl:template match="tei:ref[@target]" mode="header">
    <xsl:variable name="url"><xsl:call-template name="safe-url"><xsl:with-param name="url" select="@target"/></xsl:call-template></xsl:variable>
    <xsl:choose>
      <xsl:when test="$url != ''"><a href="{$url}"><xsl:apply-templates mode="header"/></a></xsl:when>
      <xsl:otherwise><xsl:apply-templates mode="header"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="tei:idno[@type = 'sha256']" mode="header">
    <code class="hash"><xsl:value-of select="."/></code>
  </xsl:template>
  <xsl:template match="tei:idno" mode="header"><code><xsl:value-of select="."/></code></xsl:template>
  <xsl:template match="tei:note" mode="header">
    <xsl:text> (</xsl:text><xsl:apply-templates mode="header"/><xsl:text>)</xsl:text>
  </xsl:template>
  <xsl:template match="*" mode="header"><xsl:apply-templates mode="header"/></xsl:template>

  <!-- ===================================================================================== -->
  <!-- The two views of the text                                                             -->
  <!-- ===================================================================================== -->

  <xsl:template name="text-views">
    <section class="text" aria-labelledby="text-heading">
      <h2 id="text-heading">Text</h2>
      <!-- Shown by the script; without JavaScript both views are on the page, one after the other. -->
      <div class="view-switch" role="group" aria-label="View of the text" hidden="hidden">
        <button type="button" data-view="reading" aria-pressed="true" aria-controls="reading">Reading text</button>
        <button type="button" data-view="diplomatic" aria-pressed="false" aria-controls="diplomatic">Diplomatic text</button>
      </div>
      <p class="view-links">The text is given twice: go to the <a href="#reading">reading text</a> (corrections
        applied) or to the <a href="#diplomatic">diplomatic text</a> (the transcription line for line).</p>
      <div class="view reading" id="reading" lang="{$lang}">
        <h3>Reading text</h3>
        <p class="view-note" lang="en">Corrections applied and marked <span class="corr">thus</span>;
          the transcriber’s additions in <span class="editorial">[brackets and italics]</span>; corrections and the
          transcriber’s notes are numbered in the apparatus.</p>
        <xsl:apply-templates select="/tei:TEI/tei:text" mode="reading"/>
      </div>
      <div class="view diplomatic" id="diplomatic" lang="{$lang}">
        <h3>Diplomatic text</h3>
        <p class="view-note" lang="en">The transcription line for line, with its readings
          (<span class="sic">marked</span> where the edition corrects them) and its square brackets.</p>
        <xsl:apply-templates select="/tei:TEI/tei:text" mode="diplomatic"/>
      </div>
    </section>
  </xsl:template>

  <!-- ===== Generic element: the rules table decides the HTML element and class ===== -->

  <xsl:template match="tei:*" mode="reading">
    <xsl:call-template name="element"><xsl:with-param name="view" select="'reading'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:*" mode="diplomatic">
    <xsl:call-template name="element"><xsl:with-param name="view" select="'diplomatic'"/></xsl:call-template>
  </xsl:template>

  <!-- Elements outside the TEI namespace: their text only. -->
  <xsl:template match="*" mode="reading"><xsl:apply-templates mode="reading"/></xsl:template>
  <xsl:template match="*" mode="diplomatic"><xsl:apply-templates mode="diplomatic"/></xsl:template>

  <xsl:template name="element">
    <xsl:param name="view"/>
    <xsl:variable name="rule" select="$rules[@tei = local-name(current())][1]"/>
    <!-- Names link to their entry; never a link inside a link (nested names stay plain). -->
    <xsl:variable name="href">
      <xsl:if test="$rule/@link = 'true' and @ref and not(ancestor::*[@ref])">
        <xsl:call-template name="entity-href"/>
      </xsl:if>
    </xsl:variable>
    <xsl:variable name="html">
      <xsl:choose>
        <xsl:when test="$href != ''">a</xsl:when>
        <xsl:when test="not($rule/@html) or $rule/@html = 'a'">span</xsl:when>
        <xsl:otherwise><xsl:value-of select="$rule/@html"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:element name="{$html}">
      <xsl:attribute name="class">
        <xsl:choose>
          <xsl:when test="$rule"><xsl:value-of select="$rule/@class"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="concat('tei-', local-name())"/></xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <xsl:if test="@type"><xsl:attribute name="data-type"><xsl:value-of select="@type"/></xsl:attribute></xsl:if>
      <xsl:if test="$href != ''">
        <xsl:attribute name="href"><xsl:value-of select="$href"/></xsl:attribute>
        <xsl:attribute name="title">
          <xsl:call-template name="entity-name">
            <xsl:with-param name="entity" select="key('entity', substring-after($href, '#') )
                | key('entity', substring-after($href, '#entity-'))"/>
          </xsl:call-template>
        </xsl:attribute>
      </xsl:if>
      <xsl:if test="$html = 'time' and @when"><xsl:attribute name="datetime"><xsl:value-of select="@when"/></xsl:attribute></xsl:if>
      <xsl:if test="@rend = 'letter-spaced'"><xsl:attribute name="data-rend">letter-spaced</xsl:attribute></xsl:if>
      <xsl:choose>
        <xsl:when test="$view = 'reading'"><xsl:apply-templates mode="reading"/></xsl:when>
        <xsl:otherwise><xsl:apply-templates mode="diplomatic"/></xsl:otherwise>
      </xsl:choose>
    </xsl:element>
    <!-- Apparatus markers of corrections inside a name come after the name, not inside its link. -->
    <xsl:if test="@ref and not(ancestor::*[@ref])">
      <xsl:call-template name="markers-within"><xsl:with-param name="view" select="$view"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- Indentation between the blocks of the TEI file: one newline keeps the HTML source readable. -->
  <xsl:template match="text()[not(normalize-space())][parent::tei:text or parent::tei:body or parent::tei:div
      or parent::tei:opener or parent::tei:closer or parent::tei:list or parent::tei:quote
      or parent::tei:floatingText]" mode="reading"><xsl:text>&#10;</xsl:text></xsl:template>
  <xsl:template match="text()[not(normalize-space())][parent::tei:text or parent::tei:body or parent::tei:div
      or parent::tei:opener or parent::tei:closer or parent::tei:list or parent::tei:quote
      or parent::tei:floatingText]" mode="diplomatic"><xsl:text>&#10;</xsl:text></xsl:template>

  <xsl:template match="tei:text | tei:body | tei:front | tei:back" mode="reading">
    <xsl:apply-templates mode="reading"/>
  </xsl:template>
  <xsl:template match="tei:text | tei:body | tei:front | tei:back" mode="diplomatic">
    <xsl:apply-templates mode="diplomatic"/>
  </xsl:template>

  <!-- ===== Reading view ===== -->

  <!-- The newline before lb[@break='no'] joins the broken word; any other line end is a blank. -->
  <xsl:template match="text()[following-sibling::node()[1][self::tei:lb[@break = 'no']]]" mode="reading">
    <xsl:call-template name="rtrim"><xsl:with-param name="s" select="."/></xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:lb" mode="reading"/>
  <xsl:template match="tei:fw" mode="reading"/>

  <xsl:template match="tei:pb" mode="reading">
    <xsl:call-template name="page-marker"><xsl:with-param name="class" select="'pb'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:choice" mode="reading">
    <span class="corr">
      <xsl:attribute name="title">
        <xsl:text>Corrected by the edition; the source reads “</xsl:text>
        <xsl:value-of select="normalize-space((tei:sic | tei:orig | tei:abbr)[1])"/>
        <xsl:text>”</xsl:text>
      </xsl:attribute>
      <xsl:apply-templates select="(tei:corr | tei:reg | tei:expan | *[not(../tei:corr | ../tei:reg | ../tei:expan)])[1]/node()" mode="reading"/>
    </span>
    <xsl:if test="not(ancestor::*[@ref])">
      <xsl:call-template name="app-marker"><xsl:with-param name="view" select="'reading'"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- The transcriber's additions stay in the reading text, in brackets, set off as editorial. -->
  <xsl:template match="tei:gap" mode="reading">
    <span class="editorial gap">
      <xsl:attribute name="title"><xsl:call-template name="editorial-label"/></xsl:attribute>
      <xsl:text>[</xsl:text><xsl:call-template name="gap-text"/><xsl:text>]</xsl:text>
    </span>
  </xsl:template>

  <xsl:template match="tei:supplied | tei:stamp" mode="reading">
    <span class="editorial {local-name()}">
      <xsl:attribute name="title"><xsl:call-template name="editorial-label"/></xsl:attribute>
      <xsl:text>[</xsl:text><xsl:apply-templates mode="reading"/><xsl:text>]</xsl:text>
    </span>
  </xsl:template>

  <!-- Notes (the transcriber's glosses, [sic], [?]) move to the apparatus: only the marker stays. -->
  <xsl:template match="tei:note" mode="reading">
    <xsl:if test="not(ancestor::*[@ref])">
      <xsl:call-template name="app-marker"><xsl:with-param name="view" select="'reading'"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- ===== Diplomatic view ===== -->

  <!-- Each source line after the first of a block starts with a line break; a page break ends a line. -->
  <xsl:template match="tei:lb" mode="diplomatic">
    <xsl:variable name="before" select="preceding-sibling::node()[1]"/>
    <xsl:if test="$before and not($before/self::tei:pb)
        and not($before/self::text()[not(normalize-space())] and
                (not(preceding-sibling::node()[2]) or preceding-sibling::node()[2][self::tei:pb]))">
      <br/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:pb" mode="diplomatic">
    <xsl:call-template name="page-marker"><xsl:with-param name="class" select="'pb pb-line'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:choice" mode="diplomatic">
    <span class="sic">
      <xsl:attribute name="title">
        <xsl:text>So in the transcription; the reading text has “</xsl:text>
        <xsl:value-of select="normalize-space((tei:corr | tei:reg | tei:expan)[1])"/>
        <xsl:text>”</xsl:text>
      </xsl:attribute>
      <xsl:apply-templates select="(tei:sic | tei:orig | tei:abbr | *[not(../tei:sic | ../tei:orig | ../tei:abbr)])[1]/node()" mode="diplomatic"/>
    </span>
    <xsl:if test="not(ancestor::*[@ref])">
      <xsl:call-template name="app-marker"><xsl:with-param name="view" select="'diplomatic'"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:gap" mode="diplomatic">
    <xsl:if test="@rend = 'brackets'">
      <span class="editorial gap">
        <xsl:attribute name="title"><xsl:call-template name="editorial-label"/></xsl:attribute>
        <xsl:text>[</xsl:text><xsl:value-of select="tei:desc"/><xsl:text>]</xsl:text>
      </span>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:supplied | tei:stamp | tei:note" mode="diplomatic">
    <span class="editorial {local-name()}">
      <xsl:attribute name="title"><xsl:call-template name="editorial-label"/></xsl:attribute>
      <xsl:if test="@rend = 'brackets'">[</xsl:if>
      <xsl:apply-templates mode="diplomatic"/>
      <xsl:if test="@rend = 'brackets'">]</xsl:if>
    </span>
    <xsl:if test="self::tei:note and not(ancestor::*[@ref])">
      <xsl:call-template name="app-marker"><xsl:with-param name="view" select="'diplomatic'"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- ===== Page breaks and apparatus markers ===== -->

  <xsl:template name="page-marker">
    <xsl:param name="class"/>
    <span class="{$class}" role="note">
      <span class="visually-hidden">Page break: </span>
      <xsl:text>p. </xsl:text>
      <xsl:choose>
        <xsl:when test="@n"><xsl:value-of select="@n"/></xsl:when>
        <xsl:otherwise>?</xsl:otherwise>
      </xsl:choose>
    </span>
  </xsl:template>

  <!-- Whether an apparatus item is shown (and so has a marker) in each view: a note's content, a
       correction's other reading and fw are not part of the reading view; gap content is in neither. -->
  <xsl:template name="in-reading">
    <xsl:if test="not(ancestor::tei:note or ancestor::tei:fw or ancestor::tei:sic or ancestor::tei:orig
        or ancestor::tei:abbr or ancestor::tei:gap)">1</xsl:if>
  </xsl:template>
  <xsl:template name="in-diplomatic">
    <xsl:if test="not(ancestor::tei:corr or ancestor::tei:reg or ancestor::tei:expan or ancestor::tei:gap)">1</xsl:if>
  </xsl:template>

  <xsl:template name="app-marker">
    <xsl:param name="view"/>
    <xsl:variable name="n"><xsl:call-template name="app-number"/></xsl:variable>
    <a class="app-ref" href="#app-{$n}" id="{substring($view, 1, 1)}-app-{$n}"><span class="visually-hidden">apparatus note </span><sup><xsl:value-of select="$n"/></sup></a>
  </xsl:template>

  <xsl:template name="markers-within">
    <xsl:param name="view"/>
    <xsl:for-each select=".//tei:choice | .//tei:note">
      <xsl:variable name="shown">
        <xsl:choose>
          <xsl:when test="$view = 'reading'"><xsl:call-template name="in-reading"/></xsl:when>
          <xsl:otherwise><xsl:call-template name="in-diplomatic"/></xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <xsl:if test="$shown = '1'">
        <xsl:call-template name="app-marker"><xsl:with-param name="view" select="$view"/></xsl:call-template>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>

  <!-- ===================================================================================== -->
  <!-- Apparatus                                                                             -->
  <!-- ===================================================================================== -->

  <xsl:template name="apparatus">
    <section class="apparatus" aria-labelledby="apparatus-heading">
      <h2 id="apparatus-heading">Apparatus</h2>
      <xsl:choose>
        <xsl:when test="$app-items">
          <p class="intro">Corrections made by the edition and the transcriber’s notes, numbered in the order of the text.</p>
          <ol>
            <xsl:for-each select="$app-items">
              <li id="app-{position()}">
                <xsl:apply-templates select="." mode="apparatus"/>
                <xsl:text> </xsl:text>
                <xsl:call-template name="back-links"><xsl:with-param name="n" select="position()"/></xsl:call-template>
              </li>
            </xsl:for-each>
          </ol>
        </xsl:when>
        <xsl:otherwise><p class="intro">The edition makes no corrections to this text and the transcriber added no notes.</p></xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template match="tei:choice" mode="apparatus">
    <xsl:variable name="reading" select="(tei:corr | tei:reg | tei:expan | *[not(../tei:corr | ../tei:reg | ../tei:expan)])[1]"/>
    <xsl:variable name="source" select="(tei:sic | tei:orig | tei:abbr)[1]"/>
    <span class="lemma corr"><xsl:apply-templates select="$reading/node()" mode="app-content"/></span>
    <xsl:text>] the transcription reads </xsl:text>
    <span class="sic"><xsl:apply-templates select="$source/node()" mode="app-content"/></span>
    <xsl:text>; corrected by </xsl:text>
    <xsl:call-template name="resp-label"><xsl:with-param name="resp" select="$reading/@resp"/></xsl:call-template>
    <xsl:if test="$reading/@cert">
      <xsl:value-of select="concat(' (', $reading/@cert, ' certainty)')"/>
    </xsl:if>
    <xsl:text>.</xsl:text>
  </xsl:template>

  <xsl:template match="tei:note" mode="apparatus">
    <span class="lemma editorial">
      <xsl:if test="@rend = 'brackets'">[</xsl:if>
      <xsl:apply-templates mode="app-content"/>
      <xsl:if test="@rend = 'brackets'">]</xsl:if>
    </span>
    <xsl:text> </xsl:text>
    <xsl:call-template name="editorial-label"/>
    <xsl:text>.</xsl:text>
  </xsl:template>

  <!-- Apparatus content: the text alone, corrections applied, no links or markers inside. -->
  <xsl:template match="tei:choice" mode="app-content">
    <xsl:apply-templates select="(tei:corr | tei:reg | tei:expan | *[not(../tei:corr | ../tei:reg | ../tei:expan)])[1]/node()" mode="app-content"/>
  </xsl:template>
  <xsl:template match="tei:gap" mode="app-content">[<xsl:call-template name="gap-text"/>]</xsl:template>
  <xsl:template match="tei:lb | tei:pb | tei:fw" mode="app-content"><xsl:text> </xsl:text></xsl:template>
  <xsl:template match="*" mode="app-content"><xsl:apply-templates mode="app-content"/></xsl:template>

  <xsl:template name="back-links">
    <xsl:param name="n"/>
    <xsl:variable name="r"><xsl:call-template name="in-reading"/></xsl:variable>
    <xsl:variable name="d"><xsl:call-template name="in-diplomatic"/></xsl:variable>
    <span class="back">
      <xsl:text>Back to the </xsl:text>
      <xsl:if test="$r = '1'"><a href="#r-app-{$n}">reading text<span class="visually-hidden"> at note <xsl:value-of select="$n"/></span></a></xsl:if>
      <xsl:if test="$r = '1' and $d = '1'"> or the </xsl:if>
      <xsl:if test="$d = '1'"><a href="#d-app-{$n}">diplomatic text<span class="visually-hidden"> at note <xsl:value-of select="$n"/></span></a></xsl:if>
    </span>
  </xsl:template>

  <!-- ===================================================================================== -->
  <!-- Register entries of this document (standOff)                                          -->
  <!-- ===================================================================================== -->

  <xsl:template name="register-section">
    <xsl:variable name="lists" select="/tei:TEI/tei:standOff/*[tei:person | tei:place | tei:org]"/>
    <xsl:if test="$lists">
      <section class="register" aria-labelledby="register-heading">
        <h2 id="register-heading">Persons, places and organisations</h2>
        <xsl:call-template name="register-list">
          <xsl:with-param name="heading" select="'Persons'"/>
          <xsl:with-param name="entries" select="$lists/tei:person"/>
        </xsl:call-template>
        <xsl:call-template name="register-list">
          <xsl:with-param name="heading" select="'Places'"/>
          <xsl:with-param name="entries" select="$lists/tei:place"/>
        </xsl:call-template>
        <xsl:call-template name="register-list">
          <xsl:with-param name="heading" select="'Organisations'"/>
          <xsl:with-param name="entries" select="$lists/tei:org"/>
        </xsl:call-template>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template name="register-list">
    <xsl:param name="heading"/>
    <xsl:param name="entries"/>
    <xsl:if test="$entries">
      <h3><xsl:value-of select="$heading"/></h3>
      <ul class="entities">
        <xsl:for-each select="$entries">
          <li id="entity-{@xml:id}">
            <xsl:call-template name="entity-description"/>
            <xsl:if test="$site-root != ''">
              <xsl:variable name="name"><xsl:call-template name="entity-name"/></xsl:variable>
              <a class="index-link">
                <xsl:attribute name="href">
                  <xsl:value-of select="$site-root"/>
                  <xsl:call-template name="entity-page"><xsl:with-param name="entity" select="."/></xsl:call-template>
                  <xsl:value-of select="concat('#', @xml:id)"/>
                </xsl:attribute>
                <xsl:value-of select="$name"/>
                <xsl:text> in the </xsl:text>
                <xsl:call-template name="entity-index-label"><xsl:with-param name="entity" select="."/></xsl:call-template>
              </a>
            </xsl:if>
          </li>
        </xsl:for-each>
      </ul>
    </xsl:if>
  </xsl:template>

  <!-- One register entry: name, dates, description, other names, authority links. Shared with site.xsl
       (which puts name and dates in a heading and calls entity-details alone). -->
  <xsl:template name="entity-description">
    <xsl:variable name="dates"><xsl:call-template name="entity-dates"/></xsl:variable>
    <span class="entity-name"><xsl:call-template name="entity-name"/></span>
    <xsl:if test="$dates != ''"><xsl:value-of select="concat(' (', $dates, ')')"/></xsl:if>
    <xsl:text>. </xsl:text>
    <xsl:call-template name="entity-details"/>
  </xsl:template>

  <xsl:template name="entity-details">
    <xsl:variable name="name"><xsl:call-template name="entity-name"/></xsl:variable>
    <xsl:if test="normalize-space(tei:note[1])">
      <span class="entity-note"><xsl:value-of select="normalize-space(tei:note[1])"/></span>
      <xsl:text> </xsl:text>
    </xsl:if>
    <xsl:variable name="others" select="*[self::tei:persName or self::tei:placeName or self::tei:orgName][not(@type = 'main')]
        [normalize-space() != $name]"/>
    <xsl:if test="$others">
      <xsl:text>Other names: </xsl:text>
      <xsl:for-each select="$others">
        <xsl:if test="position() &gt; 1">, </xsl:if>
        <xsl:value-of select="normalize-space(.)"/>
        <xsl:if test="@type = 'pseudonym'"> (pseudonym)</xsl:if>
      </xsl:for-each>
      <xsl:text>. </xsl:text>
    </xsl:if>
    <xsl:for-each select="tei:idno">
      <xsl:variable name="url"><xsl:call-template name="safe-url"><xsl:with-param name="url" select="."/></xsl:call-template></xsl:variable>
      <xsl:variable name="label"><xsl:call-template name="authority-label"/></xsl:variable>
      <xsl:choose>
        <xsl:when test="$url != ''">
          <a class="authority" href="{$url}">
            <xsl:value-of select="concat($name, ' in ', $label, ' (')"/>
            <xsl:call-template name="last-segment"><xsl:with-param name="s" select="$url"/></xsl:call-template>
            <xsl:text>)</xsl:text>
          </a>
        </xsl:when>
        <xsl:otherwise>
          <span class="authority"><xsl:value-of select="concat($label, ': ', normalize-space(.))"/></span>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:text>. </xsl:text>
    </xsl:for-each>
  </xsl:template>

  <!-- ===================================================================================== -->
  <!-- Script and style                                                                      -->
  <!-- ===================================================================================== -->

  <!-- The view switch: hides one view, keeps the buttons' state, and follows links into a hidden view. -->
  <xsl:template name="view-script">
    <xsl:text>
(function () {
  "use strict";
  var views = document.querySelectorAll(".view");
  var buttons = document.querySelectorAll(".view-switch button");
  var switcher = document.querySelector(".view-switch");
  if (!views.length || !switcher) { return; }
  document.documentElement.className += " js";
  function show(name) {
    for (var i = 0; i &lt; views.length; i++) { views[i].hidden = views[i].id !== name; }
    for (var j = 0; j &lt; buttons.length; j++) {
      buttons[j].setAttribute("aria-pressed", buttons[j].getAttribute("data-view") === name ? "true" : "false");
    }
  }
  function follow() {
    var id = location.hash.slice(1), target = null;
    try { target = id ? document.getElementById(decodeURIComponent(id)) : null; } catch (e) { return; }
    var view = target ? target.closest(".view") : null;
    if (view &amp;&amp; view.hidden) { show(view.id); target.scrollIntoView(); }
  }
  for (var k = 0; k &lt; buttons.length; k++) {
    buttons[k].addEventListener("click", function () { show(this.getAttribute("data-view")); });
  }
  switcher.hidden = false;
  show("reading");
  follow();
  window.addEventListener("hashchange", follow);
})();
</xsl:text>
  </xsl:template>

  <xsl:template name="css">
    <xsl:text>
*, *::before, *::after { box-sizing: border-box; }
html { color-scheme: light; }
body { margin: 0; font: 1rem/1.6 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: #1b1b1b; background: #fff; }
a { color: #0b57a4; text-underline-offset: .15em; }
a:visited { color: #5b2a86; }
a:focus-visible, button:focus-visible, input:focus-visible, summary:focus-visible { outline: 3px solid #b35900; outline-offset: 2px; }
.skip-link { position: absolute; left: -9999px; top: .5rem; background: #fff; padding: .5rem 1rem; border: 2px solid #0b57a4; }
.skip-link:focus { left: 1rem; z-index: 10; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0; }
.inner, main { max-width: 52rem; margin: 0 auto; padding: 0 1.25rem; }
.site-header { background: #f3f3ef; border-bottom: 1px solid #cfcfc8; }
.site-title { margin: 0; padding: .8rem 0 .3rem; font-weight: 600; font-size: 1.05rem; }
.site-title a { color: inherit; text-decoration: none; }
.site-nav ul { list-style: none; margin: 0; padding: 0 0 .7rem; display: flex; flex-wrap: wrap; gap: .2rem 1.25rem; }
.site-nav a[aria-current] { color: #1b1b1b; font-weight: 600; text-decoration: none; }
main { padding-bottom: 2rem; }
h1 { font-family: Georgia, "DejaVu Serif", serif; font-size: 1.8rem; line-height: 1.25; font-weight: 600; margin: 1.4rem 0 1.2rem; }
h2 { font-size: 1.25rem; margin: 2.2rem 0 .8rem; padding-bottom: .25rem; border-bottom: 1px solid #cfcfc8; }
h3 { font-size: 1.05rem; margin: 1.3rem 0 .5rem; }
.docnav { display: flex; justify-content: space-between; gap: 1rem; margin: 1rem 0; font-size: .95rem; }
.metadata dl, .principles dl { display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: .35rem 1.25rem; margin: 0; }
.metadata dl > div, .principles dl > div { display: contents; }
.metadata dt, .principles dt { font-weight: 600; color: #333; }
.metadata dd, .principles dd { margin: 0; overflow-wrap: anywhere; }
.files { list-style: none; margin: 0; padding: 0; }
.citation { background: #f3f3ef; border-left: 4px solid #8a8a80; padding: .6rem .8rem; margin: .5rem 0; }
.principles { margin-top: 1rem; }
.principles summary { cursor: pointer; color: #0b57a4; }
.principles dl { margin-top: .6rem; font-size: .95rem; }
code { font-family: "DejaVu Sans Mono", "Liberation Mono", Menlo, monospace; font-size: .88em; overflow-wrap: anywhere; }
.view-switch { display: flex; gap: .5rem; margin: .5rem 0 1rem; }
.view-switch[hidden] { display: none; }
.view-switch button { font: inherit; padding: .35rem 1rem; border: 1px solid #0b57a4; border-radius: 4px; background: #fff; color: #0b57a4; cursor: pointer; }
.view-switch button[aria-pressed="true"] { background: #0b57a4; color: #fff; }
.js .view-links { display: none; }
.view { margin: 1rem 0 0; }
.view[hidden] { display: none; }
.view > h3 { margin-top: 0; }
.js .view > h3 { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
.view-note { font-size: .88rem; color: #555; margin: 0 0 1rem; }
.reading { font-family: Georgia, "DejaVu Serif", serif; font-size: 1.08rem; line-height: 1.7; }
.reading .view-note { font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; }
.diplomatic { font-family: "DejaVu Sans Mono", "Liberation Mono", Menlo, monospace; font-size: .9rem; line-height: 1.6; }
.diplomatic .view-note { font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; }
.head { font-size: 1.05rem; font-weight: 600; margin: 0 0 .9rem; }
.opener, .closer { margin: 1rem 0; }
.opener > p, .closer > p { margin: 0; }
.reading .closer { text-align: left; }
.list { list-style: none; padding-left: 0; }
.list > li { margin: .3rem 0; padding-left: 2rem; text-indent: -2rem; }
.quote { margin: 1rem 0 1rem 1rem; padding-left: 1rem; border-left: 3px solid #c8c8c0; }
.person, .place, .org { text-decoration-thickness: 1px; }
.reading a.person, .reading a.place, .reading a.org { text-decoration-style: dotted; }
[data-rend="letter-spaced"] { letter-spacing: .02em; }
.editorial { color: #6b2f8f; }
.reading .editorial { font-style: italic; }
.corr { text-decoration: underline dotted #1d6b2e; text-decoration-thickness: 2px; text-underline-offset: .22em; }
.sic { background: #fff1c7; box-shadow: 0 0 0 1px #c99a00; border-radius: 2px; padding: 0 .1em; }
.app-ref { text-decoration: none; font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; font-size: .78rem; padding: 0 .1em; }
.app-ref sup { line-height: 0; }
.pb { color: #555; font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; font-size: .75rem; border: 1px solid #b8b8b0; border-radius: 3px; padding: 0 .35em; margin: 0 .3em; white-space: nowrap; }
.pb-line { display: block; border: 0; border-top: 1px dashed #9a9a90; border-radius: 0; margin: .5rem 0; padding: .1rem 0 0; }
.fw { color: #555; }
.apparatus ol { padding-left: 2rem; }
.apparatus li { margin: .4rem 0; }
.lemma { font-weight: 600; }
.back { font-size: .88rem; color: #555; }
.entities { padding-left: 1.25rem; }
.entities li { margin: .45rem 0; }
.entity-name { font-weight: 600; }
.site-footer { border-top: 1px solid #cfcfc8; color: #555; font-size: .9rem; margin-top: 2rem; padding: .6rem 0 1rem; }
.site-footer a { color: #0b57a4; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; color: #555; padding: 0 0 .5rem; }
th, td { text-align: left; vertical-align: top; padding: .45rem .5rem; border-bottom: 1px solid #e1e1da; }
th { background: #f3f3ef; font-weight: 600; }
td.date { white-space: nowrap; }
.entry { margin: 0 0 1.5rem; }
.entry h2 { margin-bottom: .4rem; }
.entry p { margin: .3rem 0; }
.letters { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem .75rem; }
.search-form label { display: block; font-weight: 600; margin-bottom: .3rem; }
.search-form input { font: inherit; padding: .45rem .6rem; width: min(100%, 30rem); border: 1px solid #767676; border-radius: 3px; }
.search-form button { font: inherit; padding: .45rem 1rem; margin-left: .3rem; border: 1px solid #0b57a4; background: #0b57a4; color: #fff; border-radius: 3px; cursor: pointer; }
.results li { margin: .8rem 0; }
.snippet { margin: .2rem 0; color: #333; }
mark { background: #ffe58a; color: inherit; }
@media print {
  .site-header, .docnav, .view-switch, .view-links, .back, .skip-link, .search-form { display: none !important; }
  body { font-size: 10.5pt; color: #000; }
  main, .inner { max-width: none; padding: 0; }
  a, a:visited { color: #000; text-decoration: none; }
  .view[hidden] { display: none; }
  .js .view > h3 { position: static; width: auto; height: auto; clip-path: none; }
  h2, h3 { break-after: avoid; }
  .metadata, .apparatus li, .entities li { break-inside: avoid; }
  .sic { background: none; box-shadow: none; text-decoration: underline; }
  .editorial { color: #000; }
  .principles { display: none; }
}
</xsl:text>
  </xsl:template>
</xsl:stylesheet>
