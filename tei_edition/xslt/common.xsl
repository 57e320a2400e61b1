<?xml version="1.0" encoding="UTF-8"?>
<!-- Shared layer of every output (HTML, reading text, diplomatic text, site summaries): what the TEI
     means, independent of how it is shown. Metadata extraction from the header, dates, names and their
     register entries, the brackets convention, apparatus numbering, safe URLs, and the two plain-text
     renderings of the text (reading strings and the diplomatic line-for-line text).
     XSLT 1.0 + exsl:node-set only, so libxslt (lxml) runs it; see docs/RENDERING.md.
     A project overrides any template here by importing the output stylesheet and redefining it. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:exsl="http://exslt.org/common"
    xmlns:te="urn:x-tei-edition"
    exclude-result-prefixes="tei exsl te">

  <!-- ===== Parameters shared by the outputs ===== -->

  <!-- Relative path from the page to the site's root ('../' for a document page of a site); empty when a
       document is rendered on its own: names then link to the page's own register section. -->
  <xsl:param name="site-root" select="''"/>
  <!-- Title of the whole edition (the TEI does not carry it). -->
  <xsl:param name="edition-title" select="''"/>

  <!-- ===== Keys ===== -->

  <xsl:key name="entity" match="tei:person[@xml:id] | tei:place[@xml:id] | tei:org[@xml:id]" use="@xml:id"/>
  <xsl:key name="xml-id" match="*[@xml:id]" use="@xml:id"/>
  <xsl:key name="app-number" match="te:app" use="@id"/>

  <!-- ===== Metadata from the header (docs/ENCODING.md, "Header" and "Contract") ===== -->

  <xsl:variable name="header" select="/tei:TEI/tei:teiHeader"/>
  <xsl:variable name="file-desc" select="$header/tei:fileDesc"/>
  <xsl:variable name="title" select="normalize-space($file-desc/tei:titleStmt/tei:title[1])"/>
  <xsl:variable name="editors" select="$file-desc/tei:titleStmt/tei:editor"/>
  <xsl:variable name="translators"
      select="$file-desc/tei:titleStmt/tei:respStmt[normalize-space(tei:resp) = 'translation']/tei:name"/>
  <xsl:variable name="encoders"
      select="$file-desc/tei:titleStmt/tei:respStmt[normalize-space(tei:resp) != 'translation']"/>
  <xsl:variable name="publication" select="$file-desc/tei:publicationStmt"/>
  <xsl:variable name="publisher" select="normalize-space($publication/tei:publisher)"/>
  <xsl:variable name="pub-place" select="normalize-space($publication/tei:pubPlace)"/>
  <xsl:variable name="edition-idno" select="normalize-space($publication/tei:idno[@type = 'edition'])"/>
  <xsl:variable name="licence" select="$publication/tei:availability/tei:licence[1]"/>
  <xsl:variable name="transcription" select="$file-desc/tei:sourceDesc/tei:bibl[@type = 'transcription']"/>
  <xsl:variable name="archival" select="$file-desc/tei:sourceDesc/tei:bibl[@type = 'archival']"/>
  <xsl:variable name="record-id" select="normalize-space($archival/tei:idno[@type = 'record'])"/>
  <xsl:variable name="corresp" select="$header/tei:profileDesc/tei:correspDesc"/>
  <xsl:variable name="sent" select="$corresp/tei:correspAction[@type = 'sent']"/>
  <xsl:variable name="received" select="$corresp/tei:correspAction[@type = 'received']"/>
  <xsl:variable name="transmitted" select="$corresp/tei:correspAction[@type = 'transmitted']"/>
  <xsl:variable name="senders" select="$sent/tei:persName | $sent/tei:orgName"/>
  <xsl:variable name="recipients" select="$received/tei:persName | $received/tei:orgName"/>
  <xsl:variable name="intermediaries" select="$transmitted/tei:persName | $transmitted/tei:orgName"/>
  <xsl:variable name="place-sent" select="$sent/tei:placeName"/>
  <xsl:variable name="place-received" select="$received/tei:placeName"/>
  <xsl:variable name="date-when" select="normalize-space($sent/tei:date/@when)"/>
  <xsl:variable name="date-text" select="normalize-space($sent/tei:date)"/>
  <xsl:variable name="languages" select="$header/tei:profileDesc/tei:langUsage/tei:language"/>
  <xsl:variable name="application" select="$header/tei:encodingDesc/tei:appInfo/tei:application[1]"/>
  <xsl:variable name="lang">
    <xsl:choose>
      <xsl:when test="normalize-space(/tei:TEI/@xml:lang)"><xsl:value-of select="normalize-space(/tei:TEI/@xml:lang)"/></xsl:when>
      <xsl:otherwise>en</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="doc-numbers" select="/tei:TEI/tei:text//tei:head//tei:idno[@type = 'document']
      | /tei:TEI/tei:text/tei:body/tei:div/tei:opener//tei:idno[@type = 'document']"/>
  <xsl:variable name="outgoing-numbers" select="/tei:TEI/tei:text/tei:body/tei:div/tei:closer//tei:idno[@type = 'outgoing']"/>

  <!-- A name from the header: its text, which the converter takes from the register's main form. -->
  <xsl:template name="name-label">
    <xsl:param name="name" select="."/>
    <xsl:value-of select="normalize-space($name)"/>
  </xsl:template>

  <!-- "A, B and C" from a node-set of names. -->
  <xsl:template name="name-list">
    <xsl:param name="names"/>
    <xsl:for-each select="$names">
      <xsl:if test="position() &gt; 1">
        <xsl:choose>
          <xsl:when test="position() = last()"> and </xsl:when>
          <xsl:otherwise>, </xsl:otherwise>
        </xsl:choose>
      </xsl:if>
      <xsl:value-of select="normalize-space(.)"/>
    </xsl:for-each>
  </xsl:template>

  <!-- ===== Dates ===== -->

  <!-- Month names padded to 9 characters, so the n-th name starts at (n - 1) * 9 + 1. -->
  <xsl:variable name="month-names"
      select="'January  February March    April    May      June     July     August   SeptemberOctober  November December '"/>

  <!-- An ISO 8601 date (YYYY, YYYY-MM, YYYY-MM-DD) in words: "5 June 1951", "June 1951", "1951".
       Anything else is shown as it is. Override for another language. -->
  <xsl:template name="format-date">
    <xsl:param name="when"/>
    <xsl:variable name="m" select="number(substring($when, 6, 2))"/>
    <xsl:variable name="d" select="number(substring($when, 9, 2))"/>
    <xsl:variable name="month" select="normalize-space(substring($month-names, ($m - 1) * 9 + 1, 9))"/>
    <xsl:choose>
      <xsl:when test="string-length($when) = 10 and $m &gt;= 1 and $m &lt;= 12 and $d &gt;= 1 and $d &lt;= 31">
        <xsl:value-of select="concat($d, ' ', $month, ' ', substring($when, 1, 4))"/>
      </xsl:when>
      <xsl:when test="string-length($when) = 7 and $m &gt;= 1 and $m &lt;= 12">
        <xsl:value-of select="concat($month, ' ', substring($when, 1, 4))"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$when"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The document's date in words, or the date as written, or nothing. -->
  <xsl:template name="document-date">
    <xsl:choose>
      <xsl:when test="$date-when">
        <xsl:call-template name="format-date"><xsl:with-param name="when" select="$date-when"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$date-text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== Register entries ===== -->

  <!-- The register id an @ref points at ("#stalin" -> "stalin"), or '' if it is not a local pointer. -->
  <xsl:template name="ref-id">
    <xsl:param name="ref" select="@ref"/>
    <xsl:variable name="r" select="normalize-space($ref)"/>
    <xsl:if test="starts-with($r, '#')">
      <xsl:value-of select="substring-before(concat(substring($r, 2), ' '), ' ')"/>
    </xsl:if>
  </xsl:template>

  <!-- Index page of an entry's kind, relative to the site root. -->
  <xsl:template name="entity-page">
    <xsl:param name="entity"/>
    <xsl:choose>
      <xsl:when test="$entity/self::tei:person">persons.html</xsl:when>
      <xsl:when test="$entity/self::tei:place">places.html</xsl:when>
      <xsl:otherwise>organisations.html</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="entity-index-label">
    <xsl:param name="entity"/>
    <xsl:choose>
      <xsl:when test="$entity/self::tei:person">persons index</xsl:when>
      <xsl:when test="$entity/self::tei:place">places index</xsl:when>
      <xsl:otherwise>organisations index</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Where a name with @ref links to: the entry in the site's index, or (standalone) the entry in this
       page's register section. Empty when @ref does not resolve to an entry of this document: such a name
       is not linked at all, so no link can point nowhere or carry a URL taken from the document. -->
  <xsl:template name="entity-href">
    <xsl:param name="ref" select="@ref"/>
    <xsl:variable name="id"><xsl:call-template name="ref-id"><xsl:with-param name="ref" select="$ref"/></xsl:call-template></xsl:variable>
    <xsl:variable name="entity" select="key('entity', $id)"/>
    <xsl:if test="$id != '' and $entity">
      <xsl:choose>
        <xsl:when test="$site-root != ''">
          <xsl:value-of select="$site-root"/>
          <xsl:call-template name="entity-page"><xsl:with-param name="entity" select="$entity"/></xsl:call-template>
          <xsl:value-of select="concat('#', $id)"/>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="concat('#entity-', $id)"/></xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <!-- Main name of a register entry. -->
  <xsl:template name="entity-name">
    <xsl:param name="entity" select="."/>
    <xsl:variable name="main" select="$entity/*[self::tei:persName or self::tei:placeName or self::tei:orgName][@type = 'main'][1]"/>
    <xsl:choose>
      <xsl:when test="$main"><xsl:value-of select="normalize-space($main)"/></xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="normalize-space($entity/*[self::tei:persName or self::tei:placeName or self::tei:orgName][1])"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Life or existence dates of an entry: "1878–1953", "born 1893", or nothing. -->
  <xsl:template name="entity-dates">
    <xsl:param name="entity" select="."/>
    <xsl:variable name="from" select="substring(normalize-space(($entity/tei:birth/@when | $entity/tei:birth/@notBefore)[1]), 1, 4)"/>
    <xsl:variable name="to" select="substring(normalize-space(($entity/tei:death/@when | $entity/tei:death/@notBefore)[1]), 1, 4)"/>
    <xsl:choose>
      <xsl:when test="$from and $to"><xsl:value-of select="concat($from, '–', $to)"/></xsl:when>
      <xsl:when test="$from"><xsl:value-of select="concat('born ', $from)"/></xsl:when>
      <xsl:when test="$to"><xsl:value-of select="concat('died ', $to)"/></xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- Label of an authority identifier (idno/@type). -->
  <xsl:template name="authority-label">
    <xsl:param name="type" select="@type"/>
    <xsl:choose>
      <xsl:when test="$type = 'wikidata'">Wikidata</xsl:when>
      <xsl:when test="$type = 'viaf' or $type = 'VIAF'">VIAF</xsl:when>
      <xsl:when test="$type = 'gnd' or $type = 'GND'">GND</xsl:when>
      <xsl:when test="$type = 'geonames'">GeoNames</xsl:when>
      <xsl:when test="$type = 'lc' or $type = 'loc'">Library of Congress</xsl:when>
      <xsl:when test="$type = 'isni'">ISNI</xsl:when>
      <xsl:when test="$type = 'orcid'">ORCID</xsl:when>
      <xsl:when test="normalize-space($type)"><xsl:value-of select="normalize-space($type)"/></xsl:when>
      <xsl:otherwise>authority record</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The last path segment of an authority URL ("Q855"), for a short link label. -->
  <xsl:template name="last-segment">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="contains($s, '/') and substring-after($s, '/') != ''">
        <xsl:call-template name="last-segment"><xsl:with-param name="s" select="substring-after($s, '/')"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="translate($s, '/', '')"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== Safety ===== -->

  <!-- A URL from the document, only if it is plainly http(s): everything else (javascript:, data:,
       relative paths, anything with blanks) gives '' and the caller shows text instead of a link. -->
  <xsl:template name="safe-url">
    <xsl:param name="url"/>
    <xsl:variable name="u" select="normalize-space($url)"/>
    <xsl:if test="(starts-with($u, 'https://') or starts-with($u, 'http://')) and not(contains($u, ' '))
        and string-length($u) &gt; 8">
      <xsl:value-of select="$u"/>
    </xsl:if>
  </xsl:template>

  <!-- ===== The brackets convention (docs/ENCODING.md principle 2, docs/RENDERING.md) ===== -->

  <!-- What a transcriber's mark is, in words: the title of the mark in HTML, the apparatus wording. -->
  <xsl:template name="editorial-label">
    <xsl:param name="node" select="."/>
    <xsl:for-each select="$node">
      <xsl:choose>
        <xsl:when test="self::tei:gap[@reason = 'illegible']">illegible in the source (transcriber’s mark)</xsl:when>
        <xsl:when test="self::tei:gap[@reason = 'omitted']">passage omitted by the transcriber</xsl:when>
        <xsl:when test="self::tei:gap">gap in the text</xsl:when>
        <xsl:when test="self::tei:supplied">added by the transcriber</xsl:when>
        <xsl:when test="self::tei:note[@type = 'gloss']">transcriber’s gloss identifying the name</xsl:when>
        <xsl:when test="self::tei:note[@type = 'sic']">transcriber’s note: so in the original</xsl:when>
        <xsl:when test="self::tei:note[@type = 'query']">transcriber’s query: the reading is uncertain</xsl:when>
        <xsl:when test="self::tei:note[@rend = 'brackets']">transcriber’s note</xsl:when>
        <xsl:when test="self::tei:note">note</xsl:when>
        <xsl:when test="self::tei:stamp">stamp on the original, described by the transcriber</xsl:when>
        <xsl:otherwise>editorial mark</xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- The text of a gap: what stood between the transcriber's brackets. -->
  <xsl:template name="gap-text">
    <xsl:choose>
      <xsl:when test="normalize-space(tei:desc)"><xsl:value-of select="normalize-space(tei:desc)"/></xsl:when>
      <xsl:when test="@reason = 'illegible'">illegible</xsl:when>
      <xsl:otherwise>…</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Who made a correction (@resp="#tei-edition" -> the application's label) and how sure. -->
  <xsl:template name="resp-label">
    <xsl:param name="resp" select="@resp"/>
    <xsl:variable name="id" select="substring-after(normalize-space($resp), '#')"/>
    <xsl:variable name="target" select="key('xml-id', $id)"/>
    <xsl:choose>
      <xsl:when test="$target/tei:label"><xsl:value-of select="normalize-space($target/tei:label)"/></xsl:when>
      <xsl:when test="$target/@ident"><xsl:value-of select="$target/@ident"/></xsl:when>
      <xsl:when test="$id"><xsl:value-of select="$id"/></xsl:when>
      <xsl:otherwise>the editors</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== Apparatus numbering ===== -->

  <!-- Apparatus items: every correction (choice) and every note in the text, numbered in text order.
       The numbers are computed once per document into a small node-set indexed by a key, so finding an
       item's number is a lookup, not a count over preceding nodes. -->
  <xsl:variable name="app-items" select="/tei:TEI/tei:text//tei:choice | /tei:TEI/tei:text//tei:note"/>
  <xsl:variable name="app-map-rtf">
    <xsl:for-each select="$app-items"><te:app id="{generate-id()}" n="{position()}"/></xsl:for-each>
  </xsl:variable>
  <xsl:variable name="app-map" select="exsl:node-set($app-map-rtf)"/>

  <xsl:template name="app-number">
    <xsl:param name="node" select="."/>
    <xsl:variable name="id" select="generate-id($node)"/>
    <xsl:for-each select="$app-map"><xsl:value-of select="key('app-number', $id)/@n"/></xsl:for-each>
  </xsl:template>

  <!-- The reading a choice offers in the reading text: the correction (or regularisation, expansion). -->
  <xsl:template name="choice-reading">
    <xsl:param name="choice" select="."/>
    <xsl:copy-of select="($choice/tei:corr | $choice/tei:reg | $choice/tei:expan)[1]"/>
  </xsl:template>

  <!-- ===== Plain reading text (mode "plain"): strings, corrections applied ===== -->
  <!-- Used by text-reading.xsl (wrapped into paragraphs) and by the site's search index. Line breaks
       become blanks, except within a word broken at the line end (lb/@break='no'); brackets of the
       transcriber's marks are kept, as in the source, since plain text has no other way to set them off. -->

  <xsl:template match="text()" mode="plain"><xsl:value-of select="."/></xsl:template>

  <xsl:template match="text()[following-sibling::node()[1][self::tei:lb[@break = 'no']]]" mode="plain">
    <xsl:call-template name="rtrim"><xsl:with-param name="s" select="."/></xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:lb" mode="plain"/>
  <xsl:template match="tei:pb | tei:fw" mode="plain"><xsl:text> </xsl:text></xsl:template>

  <xsl:template match="tei:choice" mode="plain">
    <xsl:apply-templates select="(tei:corr | tei:reg | tei:expan | *[not(../tei:corr | ../tei:reg | ../tei:expan)])[1]/node()" mode="plain"/>
  </xsl:template>

  <xsl:template match="tei:gap" mode="plain">
    <xsl:text>[</xsl:text><xsl:call-template name="gap-text"/><xsl:text>]</xsl:text>
  </xsl:template>

  <xsl:template match="tei:supplied | tei:note | tei:stamp" mode="plain">
    <xsl:text>[</xsl:text><xsl:apply-templates mode="plain"/><xsl:text>]</xsl:text>
  </xsl:template>

  <!-- Between the blocks of a structure, whitespace-only text is indentation of the TEI file. -->
  <xsl:template match="*" mode="plain"><xsl:apply-templates mode="plain"/></xsl:template>

  <!-- Drop trailing whitespace (the newline before an lb that breaks a word). -->
  <xsl:template name="rtrim">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="$s != '' and normalize-space(substring($s, string-length($s))) = ''">
        <xsl:call-template name="rtrim"><xsl:with-param name="s" select="substring($s, 1, string-length($s) - 1)"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== Diplomatic text (mode "diplomatic-text"): the source transcription line for line ===== -->
  <!-- Every lb starts a line, corrections show their source reading (sic), the transcriber's bracketed
       marks get their brackets back, and a page break is a run of blank lines, as in the source. -->

  <xsl:variable name="first-lb" select="generate-id((/tei:TEI/tei:text//tei:lb)[1])"/>

  <!-- A line break: a newline, and a blank line where a new block begins. -->
  <xsl:template match="tei:lb" mode="diplomatic-text">
    <xsl:if test="generate-id() != $first-lb">
      <xsl:text>&#10;</xsl:text>
      <!-- [1]: libxml2 stops at the first hit, so each test looks at one node, not the whole axis. -->
      <xsl:if test="not(preceding-sibling::node()[normalize-space() or self::*][1])
          and not(preceding::*[1][self::tei:pb])">
        <xsl:text>&#10;</xsl:text>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:pb" mode="diplomatic-text">
    <xsl:if test="generate-id(following::tei:lb[1]) != $first-lb">
      <xsl:text>&#10;&#10;&#10;</xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- The newline before each lb is the source's own line end, already written by the lb. -->
  <xsl:template match="text()" mode="diplomatic-text">
    <xsl:value-of select="translate(., '&#10;', '')"/>
  </xsl:template>

  <xsl:template match="text()[not(normalize-space())][parent::tei:text or parent::tei:body or parent::tei:div
      or parent::tei:opener or parent::tei:closer or parent::tei:list or parent::tei:quote
      or parent::tei:floatingText]" mode="diplomatic-text"/>

  <xsl:template match="tei:choice" mode="diplomatic-text">
    <xsl:apply-templates select="tei:sic | tei:orig | tei:abbr" mode="diplomatic-text"/>
  </xsl:template>

  <xsl:template match="tei:gap[@rend = 'brackets']" mode="diplomatic-text">
    <xsl:text>[</xsl:text>
    <xsl:value-of select="tei:desc"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <xsl:template match="tei:gap" mode="diplomatic-text"/>

  <xsl:template match="*[@rend = 'brackets'][not(self::tei:gap)]" mode="diplomatic-text">
    <xsl:text>[</xsl:text>
    <xsl:apply-templates mode="diplomatic-text"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <xsl:template match="*" mode="diplomatic-text"><xsl:apply-templates mode="diplomatic-text"/></xsl:template>
</xsl:stylesheet>
