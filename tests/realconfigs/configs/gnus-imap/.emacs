;; .emacs

;;; uncomment this line to disable loading of "default.el" at startup
;; (setq inhibit-default-init t)

;; enable visual feedback on selections
(setq transient-mark-mode t)

;; default to better frame titles
(setq frame-title-format
      (concat  "%b - emacs@" (system-name)))

;; default to unified diffs
(setq diff-switches "-u")

(add-to-list 'load-path "~/elisp")
(require 'cl)

(setq user-mail-address "lars.n@uni-bremen.de")
(setq user-full-name "Lars Nielsen")

;; Gnus
(setq gnus-select-method '(nnimap "uni"
                                  (nnimap-address "imap.uni-bremen.de")
                                  (nnimap-server-port 993)
                                  (nnimap-stream ssl)
                                  (nnir-search-engine imap)
                                  (nnimap-authinfo-file "~/.authinfo")))
(setq gnus-secondary-select-methods '((nntp "news.gmane.io")))
(setq gnus-message-archive-group "nnimap+uni:Sent")
(setq gnus-gcc-mark-as-read t)
(setq gnus-asynchronous t
      gnus-use-cache t
      gnus-thread-sort-functions '(gnus-thread-sort-by-most-recent-date))
(setq gnus-summary-thread-gathering-function 'gnus-gather-threads-by-subject)
(add-hook 'gnus-group-mode-hook 'gnus-topic-mode)

;; Sending
(setq message-send-mail-function 'smtpmail-send-it
      smtpmail-starttls-credentials '(("smtp.uni-bremen.de" 587 nil nil))
      smtpmail-auth-credentials (expand-file-name "~/.authinfo")
      smtpmail-default-smtp-server "smtp.uni-bremen.de"
      smtpmail-smtp-server "smtp.uni-bremen.de"
      smtpmail-smtp-service 587
      smtpmail-debug-info t)
(require 'smtpmail)

(setq mail-signature "Lars Nielsen\nAG Theoretische Informatik")
(setq message-signature-file "~/.signature")

(global-font-lock-mode t)
(custom-set-variables
  ;; custom-set-variables was added by Custom -- don't edit or cut/paste it!
  ;; Your init file should contain only one such instance.
 '(case-fold-search t)
 '(current-language-environment "UTF-8")
 '(default-input-method "rfc1345")
 '(global-font-lock-mode t nil (font-lock))
 '(show-paren-mode t nil (paren))
 '(transient-mark-mode t))
(custom-set-faces
  ;; custom-set-faces was added by Custom -- don't edit or cut/paste it!
  ;; Your init file should contain only one such instance.
 )
