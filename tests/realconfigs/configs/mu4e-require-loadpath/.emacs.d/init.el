;; ~/.emacs.d/init.el

(add-to-list 'load-path "/usr/local/share/emacs/site-lisp/mu4e")
(require 'mu4e)
(require 'smtpmail)
(require 'org-mu4e)

(setq mu4e-maildir (expand-file-name "~/Maildir"))
(setq mu4e-drafts-folder "/drafts"
      mu4e-sent-folder   "/sent"
      mu4e-trash-folder  "/trash")
(setq mu4e-sent-messages-behavior 'delete)
(setq mu4e-maildir-shortcuts
      '(("/INBOX" . ?i)
        ("/sent"  . ?s)
        ("/trash" . ?t)))
(setq mu4e-get-mail-command "offlineimap -o"
      mu4e-html2text-command "w3m -T text/html")

(add-to-list 'mu4e-view-actions '("ViewInBrowser" . mu4e-action-view-in-browser) t)
(add-to-list 'mu4e-bookmarks
             '(:name "Big messages" :query "size:5M..500M" :key ?b))

(setq user-mail-address "carlos@mendes.pt"
      user-full-name "Carlos Mendes"
      mu4e-compose-signature "Carlos Mendes\nhttp://mendes.pt")

(setq message-send-mail-function 'smtpmail-send-it
      smtpmail-stream-type 'starttls
      smtpmail-default-smtp-server "smtp.mendes.pt"
      smtpmail-smtp-server "smtp.mendes.pt"
      smtpmail-smtp-service 587)

(setq message-kill-buffer-on-exit t)
(setq mu4e-headers-fields
      '((:human-date . 12) (:flags . 6) (:from . 22) (:subject)))
(add-hook 'mu4e-compose-mode-hook #'flyspell-mode)
(add-hook 'mu4e-view-mode-hook #'visual-line-mode)
