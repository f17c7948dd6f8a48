;;; .emacs --- since 2003

(setq load-path (cons "~/site-lisp" load-path))
(setq load-path (append (list "~/site-lisp/bbdb/lisp") load-path))

(require 'bbdb)
(bbdb-initialize 'gnus 'message)

(setq user-full-name "Guillaume Petit")
(setq user-mail-address "gpetit@free.fr")
(setq mail-host-address "free.fr")

;; smtp
(setq send-mail-function 'smtpmail-send-it)
(setq message-send-mail-function 'smtpmail-send-it)
(load-library "smtpmail")
(setq smtpmail-default-smtp-server "smtp.free.fr")
(setq smtpmail-smtp-server "smtp.free.fr")
(setq smtpmail-local-domain "free.fr")
(setq smtpmail-sendto-domain "free.fr")
(setq smtpmail-smtp-service 25)

(setq mail-yank-prefix "> ")
(setq mail-signature t)
(setq mail-archive-file-name "~/Mail/sent")
(setq mail-self-blind nil)

(put 'downcase-region 'disabled nil)
(put 'upcase-region 'disabled nil)
(put 'narrow-to-region 'disabled nil)

(global-set-key "\C-cg" 'goto-line)
(global-set-key "\C-x\C-b" 'buffer-menu)
(setq-default case-fold-search t)
(setq line-number-mode t)
(setq column-number-mode t)
(display-time)
(setq display-time-24hr-format t)

(custom-set-variables
 '(inhibit-startup-screen t)
 '(mail-user-agent (quote message-user-agent)))
(custom-set-faces)
