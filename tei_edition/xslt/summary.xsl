<?xml version="1.0" encoding="UTF-8"?>
<!-- What the site needs to know about one document, in one small element: title, date, correspondents,
     the register entries it mentions (each once, with the number of mentions in the text) and its reading
     text for the full-text search. Uses the shared layer's extraction, so the site and the document page
     can never disagree about a document's metadata. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:te="urn:x-tei-edition"
    exclude-result-prefixes="tei">
  <xsl:import href="metadata.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:key name="refs" match="tei:text//*[@ref] | tei:correspDesc//*[@ref]" use="normalize-space(@ref)"/>

  <xsl:template match="/">
    <te:doc idno="{$edition-idno}" when="{$date-when}">
      <xsl:attribute name="date"><xsl:call-template name="document-date"/></xsl:attribute>
      <te:title><xsl:value-of select="$title"/></te:title>
      <xsl:call-template name="parties"><xsl:with-param name="names" select="$senders"/><xsl:with-param name="role" select="'sender'"/></xsl:call-template>
      <xsl:call-template name="parties"><xsl:with-param name="names" select="$recipients"/><xsl:with-param name="role" select="'recipient'"/></xsl:call-template>
      <xsl:call-template name="parties"><xsl:with-param name="names" select="$intermediaries"/><xsl:with-param name="role" select="'intermediary'"/></xsl:call-template>
      <xsl:call-template name="parties"><xsl:with-param name="names" select="$place-sent"/><xsl:with-param name="role" select="'place-sent'"/></xsl:call-template>
      <xsl:call-template name="parties"><xsl:with-param name="names" select="$place-received"/><xsl:with-param name="role" select="'place-received'"/></xsl:call-template>
      <!-- Each register entry of the document that something points at, with the number of mentions in
           the text. Grouping by entry (a handful) rather than by pointer keeps this linear. -->
      <xsl:for-each select="/tei:TEI/tei:standOff/*/*[@xml:id]">
        <xsl:variable name="refs" select="key('refs', concat('#', @xml:id))"/>
        <xsl:if test="$refs">
          <te:mention ref="{@xml:id}" kind="{local-name()}" n="{count($refs[ancestor::tei:text])}">
            <xsl:call-template name="entity-name"/>
          </te:mention>
        </xsl:if>
      </xsl:for-each>
      <te:text><xsl:call-template name="plain-line"><xsl:with-param name="node" select="/tei:TEI/tei:text"/></xsl:call-template></te:text>
    </te:doc>
  </xsl:template>

  <xsl:template name="parties">
    <xsl:param name="names"/>
    <xsl:param name="role"/>
    <xsl:for-each select="$names[normalize-space() != 'unknown' or @ref]">
      <xsl:element name="te:{$role}">
        <xsl:variable name="id"><xsl:call-template name="ref-id"/></xsl:variable>
        <xsl:if test="$id != '' and key('entity', $id)"><xsl:attribute name="ref"><xsl:value-of select="$id"/></xsl:attribute></xsl:if>
        <xsl:value-of select="normalize-space(.)"/>
      </xsl:element>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
