;; -*- Emacs-Lisp -*-

;;
;; $Id: .emacs,v 1.41 2006/03/02 17:22:51 jwh Exp $
;;

(defvar running-xemacs (string-match "XEmacs\\|Lucid" emacs-version))
(defvar running-emacs21 (and (not running-xemacs) (= emacs-major-version 21)))

(setq load-path (cons (expand-file-name "~/elisp") load-path))

(if running-xemacs
    (progn
      (require 'gnuserv)
      (gnuserv-start))
  (server-start))

(set-default-font "-misc-fixed-medium-r-normal--13-120-75-75-c-70-iso8859-1")

(require 'mailcrypt)
(mc-setversion "gpg")

;;
;; Filter outgoing mail through tmda
;;
(setq sendmail-program "/usr/bin/tmda-sendmail")

;;(setq send-mail-function 'smtpmail-send-it) ; Last set value
;;(setq smtpmail-default-smtp-server "mail.example.net")  ; Last set value
(load-library "smtpmail")
(setq smtpmail-code-conv-from nil)
(setq smtpmail-local-domain "hollis.org")

(setq user-full-name "Jonathan W. Hollis")

;; if you are on the white list use the personal address
(cond ((string-match "^\\(ganymede\\|callisto\\)" (system-name))
       (setq user-mail-address "jwh@hollis.org"))
      (t
       (setq user-mail-address "jonathan.hollis@petrotek.com")))

(setq mail-archive-file-name (expand-file-name "~/mail/outgoing"))
(setq mail-yank-prefix "> "
      mail-default-reply-to "jwh@hollis.org"
      mail-self-blind t)
(add-hook 'mail-setup-hook 'mail-abbrevs-setup)

(setq send-mailfunction 'sendmail-send-it)

(global-set-key "\C-cg" 'goto-line)
(global-set-key [f1] 'manual-entry)
(global-set-key [(control tab)] 'other-window)

(put 'eval-expression 'disabled nil)
