{{- define "confirmline.labels" -}}
app.kubernetes.io/part-of: confirmline
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/instance: {{ .Release.Name }}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
{{- end -}}

{{- define "confirmline.secretName" -}}
{{- if .Values.secrets.existingSecret -}}{{ .Values.secrets.existingSecret }}{{- else -}}{{ .Release.Name }}-secrets{{- end -}}
{{- end -}}

{{/* The value of an environment variable that comes from the values (the first tenant, 8x8, the public ingress). */}}
{{- define "confirmline.valueOf" -}}
{{- $v := .root.Values -}}
{{- $ingressUrl := $v.console.ingressPublicUrl | default (printf "https://%s" $v.ingress.host) -}}
{{- $map := dict "CONFIRMLINE_TENANT_ID" $v.tenant.id "CONFIRMLINE_TENANT_SUBACCOUNT_ID" $v.tenant.subaccountId "CONFIRMLINE_TENANT_CALLER_ID" $v.tenant.callerId "CONFIRMLINE_TENANT_TIME_ZONE" $v.tenant.timeZone "CONFIRMLINE_TENANT_CALLBACK_URL" $v.tenant.callbackUrl "EIGHT_BY_EIGHT_BASE_URL" $v.eightByEight.baseUrl "EIGHT_BY_EIGHT_SMS_BASE_URL" $v.eightByEight.smsBaseUrl "CONFIRMLINE_CONSOLE_EIGHTBYEIGHT_BASEURL" $v.eightByEight.baseUrl "CONFIRMLINE_CONSOLE_INGRESSPUBLICURL" $ingressUrl -}}
{{- required (printf "no value for %s" .name) (get $map .name) -}}
{{- end -}}
