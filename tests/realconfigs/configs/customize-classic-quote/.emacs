;; .emacs

;;; uncomment this line to disable loading of "default.el" at startup
;; (setq inhibit-default-init t)

;; turn on font-lock mode
(when (fboundp 'global-font-lock-mode)
  (global-font-lock-mode t))

;; enable visual feedback on selections
(setq transient-mark-mode t)

;; default to better frame titles
(setq frame-title-format
      (concat  "%b - emacs@" (system-name)))

;; default to unified diffs
(setq diff-switches "-u")

;; always end a file with a newline
(setq require-final-newline 'query)

(custom-set-variables
  ;; custom-set-variables was added by Custom.
  ;; If you edit it by hand, you could mess it up, so be careful.
  ;; Your init file should contain only one such instance.
  ;; If there is more than one, they won't work right.
 '(column-number-mode t)
 '(inhibit-startup-screen t)
 '(mail-host-address "kowalczyk.pl")
 '(message-send-mail-function (quote smtpmail-send-it))
 '(send-mail-function (quote smtpmail-send-it))
 '(smtpmail-default-smtp-server "poczta.kowalczyk.pl")
 '(smtpmail-smtp-server "poczta.kowalczyk.pl" t)
 '(smtpmail-smtp-service 465 nil (smtpmail) "SSL port")
 '(smtpmail-stream-type (quote ssl) t)
 '(smtpmail-smtp-user "agnieszka" nil nil "login, not the address")
 '(user-full-name "Agnieszka Kowalczyk")
 '(user-mail-address "agnieszka@kowalczyk.pl"))
(custom-set-faces
  ;; custom-set-faces was added by Custom.
  ;; If you edit it by hand, you could mess it up, so be careful.
  ;; Your init file should contain only one such instance.
  ;; If there is more than one, they won't work right.
 )

(put 'upcase-region 'disabled nil)
(put 'downcase-region 'disabled nil)
