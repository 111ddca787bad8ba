{{- define "confirmline.labels" -}}
app.kubernetes.io/part-of: confirmline
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/instance: {{ .Release.Name }}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
{{- end -}}

{{- define "confirmline.secretName" -}}
{{- if .Values.secrets.existingSecret -}}{{ .Values.secrets.existingSecret }}{{- else -}}{{ .Release.Name }}-secrets{{- end -}}
{{- end -}}

{{/* The value of a tenant setting by its environment variable name. */}}
{{- define "confirmline.tenantValue" -}}
{{- $v := .root.Values -}}
{{- $map := dict "CONFIRMLINE_TENANT_ID" $v.tenant.id "CONFIRMLINE_TENANT_SUBACCOUNT_ID" $v.tenant.subaccountId "CONFIRMLINE_TENANT_CALLER_ID" $v.tenant.callerId "CONFIRMLINE_TENANT_TIME_ZONE" $v.tenant.timeZone "CONFIRMLINE_TENANT_CALLBACK_URL" $v.tenant.callbackUrl "EIGHT_BY_EIGHT_BASE_URL" $v.eightByEight.baseUrl -}}
{{- required (printf "no value for %s" .name) (get $map .name) -}}
{{- end -}}
