<?xml version="1.0" encoding="UTF-8"?>
<!-- Diplomatic plain text: the source transcription line for line (common.xsl, mode "diplomatic-text").
     Every non-blank source line comes back exactly, up to whitespace; the lossless-roundtrip test relies
     on it. No metadata block: the output is the transcription itself. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0">
  <xsl:import href="common.xsl"/>
  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:template match="/">
    <xsl:call-template name="diplomatic-text"/>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>
</xsl:stylesheet>
