<?xml version="1.0" encoding="UTF-8"?>
<!-- Shared layer, second half: the document's metadata from the header as global variables
     (docs/ENCODING.md, "Header" and "Contract other tools rely on"). Imported by every output that shows
     metadata (HTML page, reading text, site summary); imports common.xsl. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="tei">
  <xsl:import href="common.xsl"/>

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
  <xsl:variable name="pub-year" select="normalize-space($publication/tei:date/@when)"/>
  <xsl:variable name="page-url" select="normalize-space($publication/tei:ref/@target)"/>
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
  <!-- The edition language, 'en' if the TEI has none (one XPath: concat + substring picks the default). -->
  <xsl:variable name="lang"
      select="concat(normalize-space(/tei:TEI/@xml:lang), substring('en', 1, 2 * not(normalize-space(/tei:TEI/@xml:lang))))"/>
  <!-- Direct paths, not //: every global is evaluated on every run, whether an output uses it or not. -->
  <xsl:variable name="doc-div" select="/tei:TEI/tei:text/tei:body/tei:div[1]"/>
  <xsl:variable name="doc-numbers" select="$doc-div/tei:head/tei:idno[@type = 'document']
      | $doc-div/tei:opener/tei:seg/tei:idno[@type = 'document']"/>
  <xsl:variable name="outgoing-numbers" select="$doc-div/tei:closer/tei:seg/tei:idno[@type = 'outgoing']"/>


  <!-- The document's date in words, or the date as written, or nothing. -->
  <xsl:template name="document-date">
    <xsl:choose>
      <xsl:when test="$date-when">
        <xsl:call-template name="format-date"><xsl:with-param name="when" select="$date-when"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$date-text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
