;; -*- mode: emacs-lisp -*-

(defun dotspacemacs/layers ()
  (setq-default
   dotspacemacs-distribution 'spacemacs
   dotspacemacs-configuration-layers
   '(helm
     emacs-lisp
     git
     org
     gnus
     (auto-completion :variables auto-completion-enable-snippets-in-popup t)
     syntax-checking)
   dotspacemacs-additional-packages '()
   dotspacemacs-excluded-packages '()))

(defun dotspacemacs/init ()
  (setq-default
   dotspacemacs-editing-style 'emacs
   dotspacemacs-themes '(solarized-light)
   dotspacemacs-leader-key "SPC"))

(defun dotspacemacs/user-init ()
  (setq gnus-init-file "~/.gnus.el"))

(defun dotspacemacs/user-config ()
  (setq user-full-name "Hans Vogel"
        user-mail-address "hans@vogel-it.de")
  (setq gnus-select-method
        '(nnimap "vogel-it"
                 (nnimap-address "imap.vogel-it.de")
                 (nnimap-server-port 993)
                 (nnimap-stream ssl)))
  (setq gnus-secondary-select-methods
        '((nntp "news.gwene.org")
          (nnimap "gmail"
                  (nnimap-address "imap.gmail.com")
                  (nnimap-server-port "imaps")
                  (nnimap-stream ssl))))
  (setq gnus-posting-styles
        '((".*" (address "hans@vogel-it.de")
                (signature "Hans Vogel\nvogel IT"))
          ("gmail" (address "hans.vogel@gmail.com")
                   ("X-Message-SMTP-Method" "smtp smtp.gmail.com 587 hans.vogel@gmail.com"))))
  (setq send-mail-function 'smtpmail-send-it
        message-send-mail-function 'smtpmail-send-it
        smtpmail-smtp-server "mail.vogel-it.de"
        smtpmail-smtp-service 465
        smtpmail-stream-type 'ssl
        gnus-use-full-window nil
        gnus-summary-line-format "%U%R%z %d %-23,23f %s\n"))
